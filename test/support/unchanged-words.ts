import type { Language } from '../../shared/contracts/domain';
import type { LanguageEngine } from '../../src-workers/spellcheck/engine';

/**
 * Words pupils really write that no dictionary has, or that are meant as
 * written: apps, games, brands, names, loanwords, acronyms, words with digits,
 * in the cases pupils type them. Written for this check (some are also in the
 * engine's own list of everyday words, src-workers/spellcheck/everyday-words.ts;
 * the others must be left alone by the general rules).
 */
export const unchangedWords: Record<Language, string[]> = {
  en: `ok OK okay wifi WiFi Wi-Fi covid Covid COVID-19 TikTok tiktok Minecraft minecraft YouTube youtube youtuber Instagram
    instagram insta Snapchat snapchat Netflix netflix iPhone iphone iPad ipad Fortnite fortnite Roblox roblox Spotify spotify
    WhatsApp whatsapp FaceTime facetime PlayStation playstation PS5 Xbox xbox Nintendo Pokemon pokemon Google googled emoji
    selfie vlog vlogger gamers esports LOL lol omg btw Chromebook chromebook influencer influencers livestream Skype skype
    Uber lockdown Wikipedia wikipedia ChatGPT chatgpt Kahoot kahoot Duolingo duolingo Facebook facebook ebook bff TV tv pc
    gps Discord discord Twitch twitch Zoom Messi Ronaldo McDonald's IKEA FIFA 5G mp3 Pikachu Fornite Brawl Stars Among Us`
    .split(/\s+/),
  sv: `ok okej OK wifi covid Covid corona coronan TikTok tiktok Minecraft minecraft YouTube youtube youtuber Instagram
    instagram insta Snapchat snapchat snapchatta Netflix netflix iPhone iphone iphonen iPad ipad Fortnite fortnite Roblox
    roblox Spotify spotify WhatsApp whatsapp FaceTime facetime PlayStation playstation Xbox xbox Nintendo Pokemon pokemon
    Google google googla googlade emoji emojier selfie vlogg vloggar gamer gamers gaming gamea gejma LOL lol sms smsa
    smsade mejla swish Swish swisha streama streamer influencer influencers meme memes Skype skype Wikipedia wikipedia
    ChatGPT chatgpt Kahoot kahoot Discord discord Twitch twitch Facebook facebook taco tacos fika app appar IKEA ICA
    Zlatan Messi McDonald's 5G Pikachu Fornite Among Us`.split(/\s+/),
};

const frames: Record<Language, Array<(word: string) => string>> = {
  en: [(w) => `Yesterday I used ${w} with my friends.`, (w) => `${w} is what we talked about.`],
  sv: [(w) => `Igår använde jag ${w} med mina kompisar.`, (w) => `${w} var det vi pratade om.`],
};

/** At the start of a sentence a pupil capitalises a lowercase word ("Wifi"); other shapes stay as they are. */
const atStart = (word: string) => (word === word.toLowerCase() ? word[0].toUpperCase() + word.slice(1) : word);

/**
 * The unchanged-word check: each word in the middle of a sentence and at its
 * start, and the words the unreviewed corrected text changes (there must be
 * none).
 */
export function unchangedWordCheck(engine: LanguageEngine): { words: number; sentences: number; changed: string[] } {
  const changed = new Set<string>();
  const [middle, start] = frames[engine.language];
  const words = unchangedWords[engine.language];
  for (const word of words) {
    for (const text of [middle(word), start(atStart(word))]) {
      const { correctedText } = engine.check(text, []);
      if (correctedText !== text) changed.add(`${word} (${text} → ${correctedText})`);
    }
  }
  return { words: words.length, sentences: 2 * words.length, changed: [...changed] };
}
