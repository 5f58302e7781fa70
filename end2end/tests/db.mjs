// Reads and writes the test server's SQLite file through Python's sqlite3
// (the storage layer's own tests cover the Rust side; here we only need to
// look, or to add a reply until moderation has its own pages).
import { execFileSync } from 'node:child_process';

const DB = process.env.SIANG_DB;

export function sql(query, params = []) {
  const script = `
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=10)
cur = con.execute(sys.argv[2], json.loads(sys.argv[3]))
rows = cur.fetchall()
con.commit()
print(json.dumps(rows))
`;
  const out = execFileSync('python3', ['-c', script, DB, query, JSON.stringify(params)], { encoding: 'utf8' });
  return JSON.parse(out);
}

export const countSubmissions = (code) =>
  sql('SELECT COUNT(*) FROM submissions s JOIN programmes p ON p.id = s.programme_id WHERE p.code = ?', [code])[0][0];

/** The submission whose free text contains `token`. */
export const submissionWithText = (token) =>
  sql("SELECT submission_id FROM answers WHERE body LIKE ?", [`%${token}%`])[0]?.[0];
