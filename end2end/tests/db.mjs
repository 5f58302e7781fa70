// Reads and writes the test server's database — the SQLite file through
// Python's sqlite3, or PostgreSQL through psql, whichever the run uses (the
// storage layer's own tests cover the Rust side; here we only need to look,
// or to add a reply until moderation has its own pages).
//
// Queries use `?` placeholders and SQL both databases understand. Numbers
// too long for JavaScript (the random 63-bit ids) come back as strings.
import { execFileSync } from 'node:child_process';

const URL_ = process.env.DATABASE_URL || '';
const postgres = URL_.startsWith('postgres');

function literal(v) {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (/^\d{1,19}$/.test(String(v))) return String(v);
  return `'${String(v).replaceAll("'", "''")}'`;
}

function cell(v) {
  if (v === null || v === undefined) return null;
  const s = String(v);
  if (/^-?\d+$/.test(s)) return s.length > 15 ? s : Number(s);
  return s;
}

function viaPsql(query, params) {
  let i = 0;
  const sqlText = query.replace(/\?/g, () => literal(params[i++]));
  const out = execFileSync('psql', [URL_, '-X', '-q', '-A', '-t', '-F', '\x1f', '-v', 'ON_ERROR_STOP=1', '-c', sqlText], {
    encoding: 'utf8',
  });
  return out.split('\n').filter((l) => l.length > 0).map((l) => l.split('\x1f').map(cell));
}

function viaSqlite(query, params) {
  const script = `
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=10)
cur = con.execute(sys.argv[2], json.loads(sys.argv[3]))
rows = [[str(v) if isinstance(v, int) and abs(v) > 2**53 else v for v in r] for r in cur.fetchall()]
con.commit()
print(json.dumps(rows))
`;
  const file = URL_.replace(/^sqlite:\/\//, '');
  const out = execFileSync('python3', ['-c', script, file, query, JSON.stringify(params)], { encoding: 'utf8' });
  return JSON.parse(out);
}

export function sql(query, params = []) {
  return postgres ? viaPsql(query, params) : viaSqlite(query, params);
}

export const countSubmissions = (code) =>
  Number(sql('SELECT COUNT(*) FROM submissions s JOIN programmes p ON p.id = s.programme_id WHERE p.code = ?', [code])[0][0]);

/** The submission whose free text contains `token` (its id as a string). */
export const submissionWithText = (token) => {
  const row = sql("SELECT CAST(submission_id AS TEXT) FROM answers WHERE body LIKE ?", [`%${token}%`])[0];
  return row ? String(row[0]) : undefined;
};

export const backend = postgres ? 'postgres' : 'sqlite';
