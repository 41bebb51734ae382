import type { Language } from '../../shared/contracts/domain';

/**
 * Words pupils really write that the dictionaries do not have: apps, games,
 * brands and everyday loanwords, in the lowercase a pupil types them in.
 * They stay findings (the teacher may still want them written otherwise),
 * but their nearest dictionary word is never put in the pupil's text before
 * the teacher decides: "wifi" is not "wife", "ok" is not "och". Written for
 * this project; a word is listed only when its dictionary rejects it.
 */
const en = `
ok wifi covid tiktok minecraft youtube youtuber youtubers instagram insta snapchat netflix iphone iphones ipad ipads
fortnite roblox spotify whatsapp facetime playstation xbox nintendo pokemon vlog vlogs vlogger gamers esports lol omg
btw chromebook chromebooks influencer influencers livestream livestreams skype uber lockdown wikipedia chatgpt kahoot
duolingo facebook ebook ebooks bff tv pc gps
`;

const sv = `
covid corona coronan tiktok minecraft youtube instagram insta snapchat snapchatta netflix iphone iphonen ipad fortnite
roblox spotify whatsapp facetime playstation xbox nintendo pokemon google vlogg vloggar gamer gamers gaming gamea gejma
gamear lol smsa smsade swish streamer influencer influencers meme memes skype wikipedia chatgpt kahoot discord twitch
facebook emojier taco
`;

const wordSet = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

export const everydayWords: Record<Language, ReadonlySet<string>> = { sv: wordSet(sv), en: wordSet(en) };
