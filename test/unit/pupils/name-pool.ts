/** Names from Swedish classrooms: Swedish, Nordic, and the languages many pupils' families speak. */
export const FIRST = [
  'Anna', 'Erik', 'Åsa', 'Björn', 'Maja', 'Ali', 'Mohammed', 'Fatima', 'Aisha', 'Yusuf', 'Zeynep', 'Elif', 'Linh', 'Olof', 'Märta',
  'Sofia', 'Noah', 'Ebba', 'Oskar', 'Selma', 'Hugo', 'Alva', 'Wilma', 'Lars', 'Max', 'Inez', 'Anna-Karin', 'Jean-Luc', 'Sara',
  'Hamza', 'Amir', 'Nour', 'Dalia', 'Ömer', 'Jönsi', 'Ida', 'Liv', 'Tove', 'Milad', 'Hodan', 'Abdirahman', 'Karolina', 'Tiago',
];
export const LAST = [
  'Lindqvist', 'Öberg', 'Johansson', 'Al-Hassan', 'Nguyen', 'Yılmaz', 'Kowalski', 'Haddad', 'Abdi', 'Mohamed', 'Svensson',
  'Karlsson', 'Ek', 'Sjöberg', 'Çelik', 'Ødegaard', 'Müller', 'Nowak', 'Hussein', 'Ahmadi', 'Rostami', 'Berg', 'Strömqvist',
  "O'Brien", 'van der Berg', 'Pérez', 'Lindgren Ali', 'Andersson-Ahmed', 'Jovanović', 'Björk',
];

