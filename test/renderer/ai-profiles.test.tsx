import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aiEndpointProblem, type AiProfile } from '../../shared/contracts/ai-judge';
import type { AiConnectionResult } from '../../shared/contracts/main/ai-judge';
import type { MainClient } from '../../src-renderer/src/bridge';
import { AiProfiles } from '../../src-renderer/src/components/AiProfiles';
import { db } from '../../src-renderer/src/db';
import { useUi } from '../../src-renderer/src/state';
import { container, liveViews, root, type, until } from './live-view';

const now = '2026-12-05T08:00:00.000Z';
const KEY = 'sk-hemlig-nyckel-123';

/** Main as far as profiles go: the store gets the profile, the key stays here, as main keeps it in the secret store. */
function fakeMain() {
  const keys = new Map<string, string>();
  let ids = 0;
  let versions = 0;
  let answer: (request: unknown) => Promise<AiConnectionResult> = async () => ({ outcome: 'failed', reason: 'unreachable', ms: 0 });
  const main = {
    keys,
    answerWith(next: typeof answer) {
      answer = next;
    },
    listAiProfiles: vi.fn(async () => ({ profiles: (await db.aiProfiles.toArray()).map((p) => ({ ...p, apiKeySet: Boolean(keys.get(p.id)) })) })),
    saveAiProfile: vi.fn(async (request: Omit<AiProfile, 'id' | 'createdAt' | 'updatedAt'> & { id?: string; apiKey?: string }) => {
      const problem = aiEndpointProblem(request.baseUrl);
      if (problem) return { outcome: 'refused' as const, problem };
      const { id = `profile-${++ids}`, apiKey, ...fields } = request;
      if (apiKey !== undefined) keys.set(id, apiKey);
      await db.aiProfiles.put({ ...fields, id, createdAt: now, updatedAt: new Date(Date.parse(now) + ++versions).toISOString() });
      return { outcome: 'saved' as const, profileId: id };
    }),
    deleteAiProfile: vi.fn(async ({ profileId }: { profileId: string }) => {
      keys.delete(profileId);
      await db.aiProfiles.delete(profileId);
      return {};
    }),
    testAiConnection: vi.fn((request: unknown) => answer(request)),
  };
  return main;
}

liveViews();

const text = () => container.textContent ?? '';
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
/** The control labelled `name`, by its label's `for`. */
const field = (name: string) => {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent === name);
  return container.querySelector<HTMLInputElement>(`#${label?.htmlFor}`) ?? undefined;
};
const checkbox = (name: string) => [...container.querySelectorAll('label')].find((l) => l.textContent?.trim() === name)?.querySelector('input') as HTMLInputElement | undefined;
const row = (name: string) => [...container.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')?.textContent === name);
const error = () => container.querySelector('[data-testid="ai-profile-error"]')?.textContent ?? '';


function fill(fields: Record<string, string>): void {
  for (const [name, value] of Object.entries(fields)) type(field(name)!, value);
}

async function renderProfiles(language: 'sv' | 'en' = 'sv') {
  const main = fakeMain();
  useUi.setState({ main: main as unknown as MainClient, language });
  root.render(<AiProfiles />);
  await until(() => button(language === 'sv' ? 'Lägg till AI-profil' : 'Add an AI profile') !== undefined);
  return main;
}

async function addProfile(main: ReturnType<typeof fakeMain>, fields: Record<string, string>): Promise<void> {
  const saves = main.saveAiProfile.mock.calls.length;
  button('Lägg till AI-profil')!.click();
  await until(() => field('Namn som bedömare') !== undefined);
  fill(fields);
  button('Spara profilen')!.click();
  await until(() => main.saveAiProfile.mock.calls.length === saves + 1 && row(fields['Namn som bedömare']) !== undefined && container.querySelector('form') === null);
}

describe('AI judge profiles in the settings', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  it('refuses plain http to a server that is not this computer, saying https is needed except on localhost; a server on the laptop is saved', async () => {
    const main = await renderProfiles();
    expect(text()).toContain('Ingen AI-profil är sparad än.');
    expect(container.querySelector('[data-testid="ai-privacy"]')?.textContent).toContain('med namn och personuppgifter maskerade');
    button('Lägg till AI-profil')!.click();
    await until(() => field('Adress till AI-servern') !== undefined);
    fill({ 'Namn som bedömare': 'AI – kommunens server', 'Adress till AI-servern': 'http://ai.kommun.se/v1', Modell: 'llama3.1:8b' });
    button('Spara profilen')!.click();
    await until(() => error() !== '');
    expect(error()).toBe('Profilen sparades inte. Adressen måste börja med https://. Bara servrar på den här datorn (127.0.0.1, localhost, [::1]) får använda http://.');
    expect(main.saveAiProfile).not.toHaveBeenCalled();

    // A price with a decimal comma; Ollama on this computer serves plain http.
    fill({ 'Adress till AI-servern': 'http://localhost:11434/v1', 'Pris per miljon tokens (valfritt)': '0,5' });
    button('Spara profilen')!.click();
    await until(() => row('AI – kommunens server') !== undefined);
    expect(main.saveAiProfile).toHaveBeenCalledWith({ name: 'AI – kommunens server', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1:8b', pricePerMillionTokens: 0.5 });
    await until(() => row('AI – kommunens server')?.textContent?.includes('Ingen nyckel') === true);
    expect([...row('AI – kommunens server')!.querySelectorAll('td')].map((td) => td.textContent)).toEqual(
      expect.arrayContaining(['http://localhost:11434/v1', 'llama3.1:8b', 'Ingen nyckel', '0,5']),
    );
    expect(text()).toContain('Profilen ”AI – kommunens server” är sparad.');
  });

  it("shows main's refusal in words, in English too", async () => {
    const main = await renderProfiles('en');
    main.saveAiProfile.mockResolvedValueOnce({ outcome: 'refused', problem: 'SECRETS_UNAVAILABLE' } as never);
    button('Add an AI profile')!.click();
    await until(() => field('Name as a judge') !== undefined);
    fill({ 'Name as a judge': 'AI', 'Address of the AI server': 'https://ai.example.org/v1', Model: 'gpt-4o-mini', 'API key (optional)': KEY, 'Price per million tokens (optional)': 'a lot' });
    button('Save the profile')!.click();
    await until(() => error() !== '');
    expect(error()).toBe('The profile was not saved. Price per million tokens: type a number, for example 0. A decimal point or comma both work.');
    fill({ 'Price per million tokens (optional)': '2.5' });
    button('Save the profile')!.click();
    await until(() => error().includes('keychain'));
    expect(error()).toBe(
      "The profile was not saved. This computer cannot store the API key encrypted (the operating system's keychain is missing). On Linux: install or unlock a keyring (for example gnome-keyring or KWallet) and restart the app.",
    );
  });

  it('never shows the key back: an empty field keeps it, and removing it is its own choice', async () => {
    const main = await renderProfiles();
    await addProfile(main, { 'Namn som bedömare': 'AI – kommunens server', 'Adress till AI-servern': 'https://ai.kommun.se/v1', Modell: 'qwen2.5', 'API-nyckel (valfri)': KEY });
    expect(main.saveAiProfile.mock.calls[0][0]).toMatchObject({ apiKey: KEY });
    await until(() => row('AI – kommunens server')?.textContent?.includes('Nyckel sparad') === true);
    expect(container.innerHTML).not.toContain(KEY);

    button('Ändra AI – kommunens server')!.click();
    await until(() => field('API-nyckel (valfri)') !== undefined);
    expect(field('API-nyckel (valfri)')!.value).toBe('');
    expect(field('API-nyckel (valfri)')!.type).toBe('password');
    expect(field('Namn som bedömare')!.value).toBe('AI – kommunens server');
    expect(container.querySelector('[data-testid="ai-key-state-form"]')?.textContent).toBe('En nyckel är sparad för profilen.');
    expect(container.innerHTML).not.toContain(KEY);

    // Saving with the field empty keeps the key: no apiKey goes to main.
    fill({ Modell: 'qwen2.5:14b' });
    button('Spara profilen')!.click();
    await until(() => main.saveAiProfile.mock.calls.length === 2 && container.querySelector('form') === null);
    expect(main.saveAiProfile.mock.calls[1][0]).toEqual({ id: 'profile-1', name: 'AI – kommunens server', baseUrl: 'https://ai.kommun.se/v1', model: 'qwen2.5:14b', pricePerMillionTokens: null });
    expect(main.keys.get('profile-1')).toBe(KEY);

    button('Ändra AI – kommunens server')!.click();
    await until(() => checkbox('Ta bort den sparade nyckeln') !== undefined);
    checkbox('Ta bort den sparade nyckeln')!.click();
    await until(() => checkbox('Ta bort den sparade nyckeln')?.checked === true);
    button('Spara profilen')!.click();
    await until(() => main.saveAiProfile.mock.calls.length === 3);
    expect(main.saveAiProfile.mock.calls[2][0]).toMatchObject({ id: 'profile-1', apiKey: '' });
    await until(() => row('AI – kommunens server')?.textContent?.includes('Ingen nyckel') === true);
  });

  it("tests the connection: busy while it asks, then the model's answer and the time, or the reason it failed", async () => {
    const main = await renderProfiles();
    await addProfile(main, { 'Namn som bedömare': 'Ollama', 'Adress till AI-servern': 'http://127.0.0.1:11434/v1', Modell: 'llama3.1:8b' });
    let answer!: (result: AiConnectionResult) => void;
    main.answerWith(() => new Promise((resolve) => (answer = resolve)));
    const rowTest = () => button('Testa anslutningen: Ollama')!;
    const rowResult = () => row('Ollama')!.querySelector('[data-testid="ai-test-result"]')!.textContent;
    rowTest().click();
    await until(() => rowResult() === 'Testar anslutningen …');
    expect(rowTest().disabled).toBe(true);
    expect(main.testAiConnection).toHaveBeenCalledWith({ profileId: 'profile-1' });
    answer({ outcome: 'answered', answer: { winner: 'first', reason: 'Text A argumenterar tydligare.', confidence: 4 }, ms: 1234, tokens: 310 });
    await until(() => rowResult() !== 'Testar anslutningen …');
    expect(rowResult()).toBe('Svarade på 1,2 s: text A är bättre – ”Text A argumenterar tydligare.” (säkerhet 4 av 5).');
    expect(rowTest().disabled).toBe(false);

    // The fields being typed, with the key typed, before anything is saved.
    main.answerWith(async () => ({ outcome: 'failed', reason: 'unauthorized', ms: 3000 }));
    button('Lägg till AI-profil')!.click();
    await until(() => field('Namn som bedömare') !== undefined);
    const formResult = () => container.querySelector('form [data-testid="ai-test-result"]')!.textContent;
    button('Testa anslutningen')!.click();
    await until(() => formResult() === 'Fyll i serverns adress och modellen först.');
    fill({ 'Adress till AI-servern': 'https://ai.kommun.se/v1', Modell: 'gpt-4o', 'API-nyckel (valfri)': KEY });
    button('Testa anslutningen')!.click();
    await until(() => formResult()!.startsWith('Ingen bedömning'));
    expect(formResult()).toBe('Ingen bedömning efter 3,0 s. Servern godtar inte API-nyckeln (401/403).');
    expect(main.testAiConnection).toHaveBeenLastCalledWith({ baseUrl: 'https://ai.kommun.se/v1', model: 'gpt-4o', apiKey: KEY });
  });

  it('deletes a profile after a confirmation that says the judgements already made stay', async () => {
    const main = await renderProfiles();
    await addProfile(main, { 'Namn som bedömare': 'AI – kommunens server', 'Adress till AI-servern': 'https://ai.kommun.se/v1', Modell: 'qwen2.5' });
    button('Ta bort AI – kommunens server')!.click();
    await until(() => container.querySelector('[role="alertdialog"]') !== null);
    expect(container.querySelector('[role="alertdialog"]')!.textContent).toContain('Bedömningar som AI-bedömaren redan har gjort finns kvar i sina bedömningsomgångar.');
    button('Behåll profilen')!.click();
    await until(() => container.querySelector('[role="alertdialog"]') === null);
    expect(main.deleteAiProfile).not.toHaveBeenCalled();
    button('Ta bort AI – kommunens server')!.click();
    await until(() => button('Ta bort profilen') !== undefined);
    button('Ta bort profilen')!.click();
    await until(() => row('AI – kommunens server') === undefined);
    expect(main.deleteAiProfile).toHaveBeenCalledWith({ profileId: 'profile-1' });
    expect(text()).toContain('Profilen ”AI – kommunens server” är borttagen.');
  });
});
