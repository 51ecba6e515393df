import { systemClock } from '../../src/core/clock.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueCredentials, renderSlips, type Credential } from '../../src/services/credentials.js';
import { accountHolders, type AccountHolder } from '../../src/store/accounts.js';
import { insertPerson } from '../../src/store/people.js';
import { openStore } from '../../src/store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'registrar-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const holder = (over: Partial<AccountHolder>): AccountHolder => ({
  person_id: 1, role: 'student', last_name: 'Щеглова', first_name: 'Юлия', middle_name: 'Сергеевна', email: null, groups: 'ИС-25',
  account_id: null, login: null, must_change: null, issued_at: null, issued_by: null, disabled_at: null, disabled_reason: null,
  ...over,
});

describe('issueCredentials', () => {
  it('stores nothing and removes the written file when the accounts changed during the hashing', async () => {
    const store = openStore(join(dir, 'race.db'), { create: true, actor: 'tester', command: 'test', clock: systemClock() });
    const id = insertPerson(store, { last_name: 'Жуков', first_name: 'Фёдор', middle_name: 'Юрьевич', birth_date: null, sex: 'М', snils: null, phone: null, email: null });
    const holders = accountHolders(store, 'staff', [id], '2025-10-01');
    expect(holders).toMatchObject([{ person_id: id, role: 'staff', groups: null, account_id: null }]);
    const out = join(dir, 'race.html');
    // Another registrar gives the same person an account while this one hashes.
    const meanwhile = () => store.run("INSERT INTO account (person_id, role, login, password_hash, issued_at, issued_by) VALUES (?, 'staff', 'zhukovfi', '$argon2id$x', 'now', 'other')", id);
    await expect(issueCredentials(store, holders, { out, format: 'html', force: false, org: 'Техникум' }, { renewal: 'reissue', onProgress: meanwhile })).rejects.toMatchObject({ code: 'accounts_changed', exitCode: 4 });
    expect(existsSync(out)).toBe(false);
    expect(store.all('SELECT login, issued_by FROM account')).toEqual([{ login: 'zhukovfi', issued_by: 'other' }]);
    expect(store.get<{ n: number }>('SELECT count(*) AS n FROM audit')!.n).toBe(0);
    store.close();
  });
});

describe('renderSlips', () => {
  it('escapes every value and starts a page per group, staff on their own', () => {
    const credentials: Credential[] = [
      { holder: holder({ last_name: '<script>alert(1)</script>', groups: 'ИС-25 & <b>' }), login: 'scriptai', password: 'Ab3<&>"x' },
      { holder: holder({ person_id: 2, groups: 'ИС-26' }), login: 'shcheglovais', password: 'Kq7mWx3pZa' },
      { holder: holder({ person_id: 3, role: 'staff', groups: null }), login: 'shcheglovais2', password: 'Zz9Yy8Xx7W' },
    ];
    const html = renderSlips(credentials, 'ГБПОУ «Техникум» & <Ко>');
    expect(html).not.toMatch(/<script>|<b>|<Ко>/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('Ab3&lt;&amp;&gt;&quot;x');
    expect(html.match(/<section class="page">/g)).toHaveLength(3);
    expect([...html.matchAll(/<h1>([^<]*)<\/h1>/g)].map((m) => m[1])).toEqual(['ИС-25 &amp; &lt;b&gt;', 'ИС-26', 'Сотрудники']);
    expect(html).toContain('Роль: сотрудник');
    expect(html).not.toContain('{{');
  });
});
