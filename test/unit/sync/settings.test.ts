import { describe, expect, it } from 'vitest';
import { serverUrlProblem, SyncSettings, syncSettingsProblem, SyncToken } from '../../../shared/contracts/sync-store';
import { sv, en } from '../../../shared/i18n/strings';
import { SyncSettingsProblem } from '../../../shared/contracts/sync-store';
import { resultsUrl } from '../../../src-main/sync/connector';

describe('the receiver address', () => {
  it('must be https', () => {
    expect(serverUrlProblem('https://resultat.kommun.se')).toBeNull();
    expect(serverUrlProblem('https://resultat.kommun.se:8443/huledu/')).toBeNull();
    expect(serverUrlProblem('  https://resultat.kommun.se  ')).toBeNull();
    expect(serverUrlProblem('http://resultat.kommun.se')).toBe('URL_NOT_HTTPS');
    expect(serverUrlProblem('http://10.0.0.5:8080')).toBe('URL_NOT_HTTPS');
    expect(serverUrlProblem('http://127.0.0.1.nip.io')).toBe('URL_NOT_HTTPS');
    expect(serverUrlProblem('http://localhost.kommun.se')).toBe('URL_NOT_HTTPS');
    expect(serverUrlProblem('http://[::2]:8080')).toBe('URL_NOT_HTTPS');
  });

  it('may be plain http on loopback only: 127.0.0.1, localhost and [::1]', () => {
    expect(serverUrlProblem('http://127.0.0.1:8080')).toBeNull();
    expect(serverUrlProblem('http://localhost:8080/')).toBeNull();
    expect(serverUrlProblem('http://LOCALHOST')).toBeNull();
    expect(serverUrlProblem('http://[::1]:8080')).toBeNull();
  });

  it('refuses anything else, and addresses that carry credentials, a query or a fragment', () => {
    expect(serverUrlProblem('')).toBe('URL_MISSING');
    expect(serverUrlProblem('resultat.kommun.se')).toBe('URL_INVALID');
    expect(serverUrlProblem('ftp://resultat.kommun.se')).toBe('URL_INVALID');
    expect(serverUrlProblem('file:///etc/passwd')).toBe('URL_INVALID');
    expect(serverUrlProblem('javascript:alert(1)')).toBe('URL_INVALID');
    expect(serverUrlProblem('https://user:secret@resultat.kommun.se')).toBe('URL_CREDENTIALS');
    expect(serverUrlProblem('https://resultat.kommun.se/?token=x')).toBe('URL_INVALID');
    expect(serverUrlProblem('https://resultat.kommun.se/#x')).toBe('URL_INVALID');
  });

  it('gives the push endpoint under the address, keeping its path', () => {
    expect(resultsUrl('https://resultat.kommun.se')).toBe('https://resultat.kommun.se/v1/results');
    expect(resultsUrl('https://kommun.se/huledu')).toBe('https://kommun.se/huledu/v1/results');
    expect(resultsUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/v1/results');
  });
});

describe('sync settings', () => {
  const on = { enabled: true, serverUrl: 'https://resultat.kommun.se', schoolId: 'skola-norr', sendTexts: false };

  it('may be empty while sync is off, and must be complete when it is on', () => {
    expect(syncSettingsProblem({ enabled: false, serverUrl: '', schoolId: '', sendTexts: false })).toBeNull();
    expect(syncSettingsProblem(on)).toBeNull();
    expect(syncSettingsProblem({ ...on, serverUrl: '' })).toBe('URL_MISSING');
    expect(syncSettingsProblem({ ...on, schoolId: '' })).toBe('SCHOOL_ID_MISSING');
    expect(syncSettingsProblem({ ...on, schoolId: 'skola norr' })).toBe('SCHOOL_ID_INVALID');
    // A bad address is refused even while off, so it cannot be turned on by accident.
    expect(syncSettingsProblem({ ...on, enabled: false, serverUrl: 'http://kommun.se' })).toBe('URL_NOT_HTTPS');
  });

  it('are parsed with the same rule wherever they arrive', () => {
    expect(SyncSettings.safeParse(on).success).toBe(true);
    expect(SyncSettings.safeParse({ ...on, serverUrl: 'http://kommun.se' }).success).toBe(false);
    expect(SyncSettings.safeParse({ ...on, sendTexts: 'yes' }).success).toBe(false);
  });

  it('accept a receiver token, and nothing that could break the header', () => {
    expect(SyncToken.safeParse('Jx4bA_8qk2T0m0sQvY1c2d3e4f5g6h7i8j9k0lmnopq').success).toBe(true);
    expect(SyncToken.safeParse('short').success).toBe(false);
    expect(SyncToken.safeParse('abcdefghijklmnop\r\nX-Evil: 1').success).toBe(false);
    expect(SyncToken.safeParse('abcdefgh ijklmnopqrs').success).toBe(false);
  });

  it('explain every refusal in Swedish and English', () => {
    for (const problem of SyncSettingsProblem.options) {
      expect(sv[`sync.problem.${problem}`], problem).toMatch(/\S{3}/);
      expect(en[`sync.problem.${problem}`], problem).toMatch(/\S{3}/);
      expect(en[`sync.problem.${problem}`]).not.toBe(sv[`sync.problem.${problem}`]);
    }
    expect(sv['sync.problem.URL_NOT_HTTPS']).toMatch(/https:\/\//);
    expect(en['sync.problem.URL_NOT_HTTPS']).toMatch(/https:\/\//);
  });
});
