import type { TestProject } from 'vitest/node';
import { fixtureDocuments } from '../fixtures/documents';

/** Makes the real test documents once per run (pandoc, LibreOffice, qpdf, zip) and tells the tests where they are. */
export default function setup(project: TestProject): void {
  project.provide('fixtures', fixtureDocuments());
}

declare module 'vitest' {
  export interface ProvidedContext {
    fixtures: string;
  }
}
