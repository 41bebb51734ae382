import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLaptop, type Laptop } from './support/browser';

/**
 * Issue #14, "the UI never stalls": a teacher imports 1,000 essays and the
 * window answers all along. Every main-thread task over 50 ms (a long task)
 * is recorded from the first script on, between the app getting the chosen
 * files and the last essay spellchecked. The 50 ms budget is a timing, so
 * bench:pipeline judges it, run alone; here the test fails on the stall the
 * renderer's fix removed (before it: longest task 996 ms, 367 long tasks),
 * with room for a machine busy with other work (two CI runs at once on these
 * two cores gave tasks of 117, 247 and 69 ms).
 *
 * Run alone: `npx electron-vite build && npx vitest run -c vitest.e2e.config.ts test/e2e/ui-longtask.e2e.test.ts`.
 * With UI_LONGTASK_JSON=path it also writes
 * `{ essays, finished, longestTaskMs, longTasks, importMs, fileListTaskMs }` there, for bench:pipeline
 * (times in ms, from the moment the app is handed the files; `fileListTaskMs`
 * is the browser's own task that lists the chosen files before that).
 */

const ESSAYS = 1000;
/** A long task, as the browser reports them. */
const BUDGET_MS = 50;
/** What the stall looked like, well apart from a busy machine: see above. */
const STALL = { longestMs: 500, longTasks: 20 };

const sentences = {
  sv: [
    'Jag tycker att skolan borde börja senare på morgonen.',
    'Min bästa vän flyttade till Umeå förra sommaren.',
    'Det finns många skäl att läsa böcker i stället för att titta på film.',
    'Klimatet förändras och vi måste ändra hur vi reser.',
    'Mobiltelefoner i klassrummet stör mer än de hjälper.',
    'Vår stad behöver fler cykelbanor och färre bilar.',
    'Forskning visar att rörelse hjälper oss att lära oss bättre.',
    'Min mormor brukar säga att tålamod är den viktigaste egenskapen.',
    'Det är inte alltid lätt att ändra sina vanor, men det går.',
    'Sammanfattningsvis tror jag att små steg kan göra stor skillnad.',
    'Många elever håller med mig, men inte alla lärare gör det.',
    'Därför hoppas jag att fler vågar säga vad de tycker.',
  ],
  en: [
    'I think our school should have more sport every week becuase it makes us happy.',
    'My best freind moved to another city last summer and I miss her.',
    'There are many reasons to read books instead of watching films all the time.',
    'The climate is changing and we have to change the way we travel.',
    'Mobile phones in the classroom disturb more than they help the pupils.',
    'Research shows that moving around helps us to learn better.',
    'It is not always easy to change your habits, but it is possible.',
    'In conclusion, I beleive that small steps can make a big difference.',
    'Many pupils agree with me, but not all of the teachers do.',
    'That is why I hope that more people dare to say what they think.',
  ],
};

/** A short essay of 6–12 sentences, Swedish or English, each distinct from the others by its pupil's line and its mix. */
function essayText(n: number): string {
  const language = n % 3 === 2 ? 'en' : 'sv';
  const pool = sentences[language];
  const intro = language === 'sv' ? `Uppsats av elev ${n + 1} i årskurs nio.` : `Essay by pupil ${n + 1} in year nine.`;
  const body = Array.from({ length: 6 + (n % 7) }, (_, i) => pool[(n * 7 + i * (1 + (n % 5))) % pool.length]);
  return [intro, ...body].join(' ');
}

const fileName = (n: number) => `elev-${String(n + 1).padStart(4, '0')}.txt`;

let laptop: Laptop;
let page: Page;
const folder = mkdtempSync(join(tmpdir(), 'huledu-longtask-'));
const files = Array.from({ length: ESSAYS }, (_, n) => {
  const path = join(folder, fileName(n));
  writeFileSync(path, essayText(n));
  return path;
});

interface LongTask {
  startTime: number;
  duration: number;
}

beforeAll(async () => {
  laptop = await openLaptop();
  page = laptop.page;
  // Before any of the app's scripts, so no long task goes unseen.
  await laptop.context.addInitScript(() => {
    const tasks: { startTime: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    // When the app is handed the chosen files: the browser's own work of listing them comes before.
    document.addEventListener('change', (event) => {
      const w = window as unknown as { __filesChosenAt?: number };
      if ((event.target as HTMLInputElement).type === 'file') w.__filesChosenAt ??= performance.now();
    }, true);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ startTime: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.reload();
});

afterAll(() => laptop?.close());

describe('the window while 1,000 essays are imported', () => {
  it('does not stall while they are imported, and lists every essay', async () => {
    await page.getByRole('button', { name: 'Ny batch' }).click();
    await page.getByLabel('Titel').fill('Tusen uppsatser');
    await page.getByRole('button', { name: 'Skapa batch' }).click();
    await page.getByRole('heading', { name: 'Tusen uppsatser' }).waitFor();

    await page.getByTestId('import-files').setInputFiles(files);
    // The long tasks are reported even when the import does not finish in time, so a stalling window has its numbers.
    const done = await page
      .getByText(`${ESSAYS} av ${ESSAYS} filer klara`)
      .waitFor({ timeout: 400_000 })
      .then(() => null, (error: unknown) => error);
    const { tasks: all, chosen, ended } = await page.evaluate(() => {
      const w = window as unknown as { __longTasks: LongTask[]; __filesChosenAt: number };
      return { tasks: w.__longTasks, chosen: w.__filesChosenAt, ended: performance.now() };
    });
    // From the moment the app has the files: the browser's listing of the chosen files before is not the app's
    // work (no script runs in it), and is reported on its own. A task it shares with the app counts from then on.
    const fileListTaskMs = Math.round(Math.max(0, ...all.filter((t) => t.startTime < chosen && t.startTime + t.duration >= chosen).map((t) => chosen - t.startTime)));
    const tasks = all
      .map((t) => ({ startTime: Math.max(t.startTime, chosen), duration: Math.min(t.startTime + t.duration, ended) - Math.max(t.startTime, chosen) }))
      .filter((t) => t.duration > BUDGET_MS);
    const longestTaskMs = Math.round(Math.max(0, ...tasks.map((t) => t.duration)));
    const result = { essays: ESSAYS, finished: done === null, longestTaskMs, longTasks: tasks.length, importMs: Math.round(ended - chosen), fileListTaskMs };
    console.log(`ui-longtask: ${JSON.stringify(result)} long tasks at (ms after the files were chosen, ms): ${JSON.stringify(tasks.map((t) => [Math.round(t.startTime - chosen), Math.round(t.duration)]))}`);
    if (process.env.UI_LONGTASK_JSON) writeFileSync(process.env.UI_LONGTASK_JSON, `${JSON.stringify(result, null, 2)}\n`);
    if (done) throw done;

    // Every essay is in and spellchecked, and scrolling to the bottom of the table shows the last pupil's file.
    expect(await page.locator('#batch-progress').textContent()).toContain(`${ESSAYS} godkända, 0 avvisade`);
    const last = page.locator('table.essays tbody tr[data-state="spellchecked"]', { has: page.getByRole('link', { name: fileName(ESSAYS - 1), exact: true }) });
    await page.mouse.move(640, 450);
    await page.mouse.wheel(0, 1_000_000);
    await expect.poll(() => last.count()).toBe(1);

    expect(longestTaskMs, `long tasks during the import (ms): ${tasks.map((t) => Math.round(t.duration)).join(', ')}`).toBeLessThan(STALL.longestMs);
    expect(tasks.length).toBeLessThanOrEqual(STALL.longTasks);
  }, 600_000);
});
