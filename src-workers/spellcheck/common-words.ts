import type { Language } from '../../shared/contracts/domain';

/**
 * Words a school essay uses all the time, written for this project (not
 * derived from any corpus). A suggestion that is one of them ranks higher: a
 * learner who writes "mycke" means "mycket", not "mycken". The effect is
 * measured in docs/spellcheck.md.
 */
const sv = `
och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år
hon under också efter eller nu sin där vid mot ska skulle kommer ut får finns vara hade alla andra mycket än här då
sedan sen över bara in blir upp även vad få två vill ha många hur mer går detta nya hans utan sina något allt första
fick måste mellan blev bli dag någon några sitt stora varit dem bland bra tre ta genom del hela annat fram gör ingen
stor sagt göra kunna redan barn gå kom tid tiden dig mig min mitt mina din ditt dina vår vårt våra er ert era deras
hennes honom henne oss dom denna dessa vilka vilken vilket varför eftersom därför tillsammans själv själva alltid
aldrig ofta ibland ganska väldigt jätte bättre bäst bästa sämre sämst kanske verkligen egentligen fortfarande tyvärr
dessutom nästan precis exempel särskilt speciellt viktigt viktig viktiga svårt svår svåra lätt lättare enkelt enkel
roligt rolig kul glad ledsen gammal gamla ung unga ungdomar ny nytt stort liten litet lilla små mindre större största
skola skolan skolor skolans lärare läraren lärarna elev elever eleverna klass klassen lektion lektionen kurs kursen
familj familjen familjer föräldrar föräldrarna mamma pappa mor far syster bror barnen son dotter man mannen kvinna
kvinnor vän vänner vännerna kompis kompisar människa människor människorna person personer folk liv livet land
landet länder sverige svenska svenskan svensk svenskar språk språket språken engelska arbete arbetet jobb jobbet
pengar hem hemma hus huset lägenhet lägenheten stad staden städer bil bilen buss bussen tåg mat maten vatten kaffe
morgon morgonen kväll kvällen natt vecka veckan helg helgen sommar sommaren vinter vintern höst våren semester resa
resor framtid framtiden möjlighet möjligheter problem problemet problemen samhälle samhället regeringen kommun
kommunen hälsa sjuk sjukhus läkare tycker tyckte tror trodde vet visste känner kände ville kunde behöver behövde
börjar började slutar slutade berätta berättar berättade skriva skriver skrev läsa läser läste prata pratar pratade
förstå förstår förstod hjälpa hjälper hjälpte använda använder använde arbeta arbetar arbetade jobba jobbar jobbade
studera studerar studerade lära lär lärde bo bor bodde flytta flyttar flyttade komma ge ger gav tar tog se ser såg
säga säger sa sade tänka tänker tänkte leva lever levde spela spelar spelade träna tränar tränade äta äter åt
dricka dricker drack sova sover sov köpa köper köpte betala betalar betalade fråga frågar frågade svara svarar
svarade träffa träffar träffade hitta hittar hittade vänta väntar väntade välja väljer valde stanna stannar stannade
åka åker åkte gick gått sitter satt står stod ligger låg heter hette hjälp svar sätt sättet anledning anledningen
orsak fall fallet grund början slutet sida sidan saker sak saken världen värld bok boken böcker film filmen musik
fotboll sport internet telefon mobil dator datorn information text texten universitet utbildning utbildningen
ekonomi politik natur miljö miljön klimat djur hund katt idé idéer åsikt åsikter känsla känslor kärlek vänskap
glädje rädsla frihet trygghet ansvar regler lag lagar rätt fel sant idag igår imorgon nästa förra varje halva mest
minst först sist igen tillbaka borta ute inne innan medan fast trots dock alltså annars
annan annat andra olika samma egen eget egna hel helt heller både antingen varken endast enda ensam tillsammans
vanlig vanligt vanliga vanligtvis ovanligt ungefär cirka kvar längre länge snart tidigt sent senare tidigare
plötsligt äntligen direkt genast kanske troligen säkert självklart faktiskt absolut nog gärna hellre
kommer kom komma blev blivit bli blir gjorde gjort gör göra hade haft har ha var varit är vara ska skulle kan kunde
vill ville måste fått fick får låter lät verkar verkade känns kändes finns fanns hände händer hänt
mat frukost lunch middag kök rum rummet hemland hemlandet flykting invandrare integration arbetsplats arbetslös
arbetslöshet lön chef kollega kollegor kunder företag företaget butik affär affären stor mataffär
tjej tjejer kille killar flicka pojke pojkar flickor bebis morfar mormor farfar farmor släkt släkten kusin
vardag vardagen fritid fritiden intresse intressen hobby resultat betyg prov läxa läxor uppgift uppgiften
fråga frågor diskussion samtal mening meningen ord orden bokstav skillnad skillnaden likheter fördel fördelar
nackdel nackdelar risk risker chans lösning lösningen situation situationen exempelvis till exempel
glömma glömmer glömde minnas minns mindes älska älskar älskade hata hatar gilla gillar gillade tycka
känna sakna saknar saknade hoppas hoppades försöka försöker försökte lyckas lyckades misslyckas orka orkar
öppna öppnar öppnade stänga stänger stängde visa visar visade ändra ändrar ändrade skapa skapar skapade
utveckla utvecklar utvecklade påverka påverkar påverkade bestämma bestämmer bestämde diskutera diskuterar
förklara förklarar förklarade beskriva beskriver beskrev jämföra jämför jämförde presentera handla handlar handlade
sjuksköterska polis lärare läkare ingenjör student studenter kurser svenskundervisning undervisning
stolt lycklig olycklig nöjd arg trött rädd orolig nervös lugn trevlig snäll elak dum smart duktig
vacker vackert ful stark svag rik fattig dyr billig billigt dyrt gratis varm kall kallt varmt ren smutsig
`;

const en = `
the be to of and a in that have i it for not on with he as you do at this but his by from they we say her she or
an will my one all would there their what so up out if about who get which go me when make can like time no just him
know take people into year your good some could them see other than then now look only come its over think also back
after use two how our work first well way even new want because any these give day most us is are was were been has
had did does done said says made making went gone going got getting took taken came coming saw seen knew known
thought told felt left kept began begun wrote written read ran brought bought taught caught found gave given
very really much many more most less few lot lots always never often sometimes usually already still again almost
maybe perhaps probably actually especially finally however therefore although though while since until unless
before during between through without within against among around instead together another each every
everyone everything everybody someone something somebody anyone anything nobody nothing nowhere somewhere everywhere
where why whether those such same own different important difficult easy hard better best worse worst great big
small little large long short high low young old last next early late right wrong true false free full whole real
sure able possible necessary interesting beautiful happy sad friendly useful successful
school schools student students teacher teachers class classes subject subjects homework grade grades education
college university course courses lesson lessons learn learning learned study studying studied studies
family families friend friends parent parents mother father brother sister child children kid kids person life
lives world country countries city town home house job jobs work working worked money business company
technology computer computers phone phones internet online video games game music sport sports team
problem problems reason reasons example examples idea ideas opinion opinions decision decisions choice choices
advice information experience experiences opportunity opportunities future community environment society
government health times days week weeks month months years hour hours minute minutes moment morning night
help helps helped helping need needs needed try tries tried trying feel feels feeling believe believes believed
agree disagree thinks thinking knows wants wanted likes liked love loves loved lived become becomes became
decide decides decided choose chooses chose chosen start starts started finish finished change changes changed
allow allows allowed spend spends spent improve improves improved create created develop developed provide
provided include includes included continue continued happen happens happened understand understands understood
explain explained remember remembered benefit benefits positive negative advantage advantages disadvantage
disadvantages conclusion summer winter weekend beginning tomorrow today tonight yesterday
english swedish sweden america american
group groups answer answers question questions access attitude attitudes effort efforts second seconds speech
young younger older nearest near far area areas place places space point points part parts side sides level
levels rule rules law laws power body mind heart head hand hands face eyes word words name names story stories
book books paper page letter letters art science history math language languages culture activity activities
activities program programs project projects process result results effect effects cause causes factor factors
skill skills ability abilities knowledge practice goal goals plan plans success career careers interest interests
situation situations system systems service services product products market price cost costs energy water food
nature animals animal earth air weather car cars bus road street building buildings room rooms office store
teenager teenagers adult adults human humans man men woman women boy boys girl girls baby member members
leader leaders president state states nation war peace rights freedom safety danger risk risks crime police
media news social network networks message messages email social video videos movie movies television picture
pictures friendship relationship relationships behavior character personality confidence responsibility
respect trust support pressure stress problem solution solutions challenge challenges mistake mistakes
attention communication conversation discussion argument arguments evidence research survey data
believe suppose expect hope wish wonder imagine realize recognize consider suggest recommend prefer
accept agree argue claim describe discuss encourage explain express focus follow imagine increase
reduce require achieve affect avoid compare complete connect contain depend design determine discover
enjoy ensure establish gain handle identify involve join lead limit maintain manage offer own perform prepare
produce protect prove reach receive remain replace represent save serve share show solve support survive teach
travel use value waste watch win worry write writing wrote read reading speak speaking talk talking listen
listening walk walking play playing playing drive driving eat eating sleep sleeping buy paying pay sell sold
open close closed stop stopped keep let put set run move moved live living die died kill killed grow growing
grown fall fell hold held bring meet met pass passed stand stood sit sat lose lost win won send sent build built
cut hit hurt break broke broken forget forgot forgotten understand ask asked answered call called turn turned
seem seemed appear appeared mean means meant matter matters care cared
because although especially usually really actually basically probably definitely certainly clearly simply
quickly easily finally recently currently exactly especially totally completely extremely highly
important necessary possible impossible available responsible independent successful comfortable healthy
dangerous safe serious simple common special popular public private personal physical mental emotional
social political economic financial natural human modern traditional local global national international
final main major minor certain clear whole entire similar various several enough extra single double
`;

const wordSet = (list: string) => new Set(list.toLowerCase().split(/\s+/).filter(Boolean));

/** Lowercase. */
export const commonWords: Record<Language, ReadonlySet<string>> = { sv: wordSet(sv), en: wordSet(en) };

/**
 * Swedish words that are never part of a compound written apart: articles,
 * pronouns, prepositions, conjunctions, auxiliaries and small adverbs. "i dag",
 * "för att" and "till och med" are correct as they stand. English needs none:
 * its dictionary builds no compounds.
 */
const svFunctionWords = `
en ett den det de dem denna detta dessa jag du han hon vi ni man sig mig dig oss er min mitt mina din ditt dina
sin sitt sina vår vårt våra ert era hans hennes deras dess vem vad vilken vilket vilka som i på av för med till
från om vid mot under över efter utan genom hos mellan bakom framför bredvid runt inom utom sedan före enligt
och eller men att så än när där då här hur varför eftersom medan fast om inte ej är var varit vara har hade haft
blir blev bli kan kunde ska skulle vill ville måste får fick bör lär alla allt alltid mycket lite bara också även
redan nu sen ju väl nog ändå just helt mer mest många några något någon ingen inget inga samma andra annan annat
`;

export const functionWords: Record<Language, ReadonlySet<string>> = { sv: wordSet(svFunctionWords), en: new Set() };
