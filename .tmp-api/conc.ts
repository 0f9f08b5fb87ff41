import { importFiles } from "../src/ingest/import-files.js";
import { openStore } from "../src/store/open.js";
import { orgTotals, familyTotals, snapshotList } from "../src/queries/index.js";
import { loadFamilies, findFamily, officialSqlParams } from "../src/domain/families.js";
const store = await openStore(".tmp-api/t.duckdb");
const snaps = await store.query(snapshotList, {});
if (snaps.length === 0) { const t0 = Date.now(); await importFiles(store, ["data/sample/models-2024-07-11.jsonl.gz"]); console.log("import ms", Date.now() - t0); }
const t0 = Date.now();
const rs = await Promise.all(Array.from({ length: 40 }, (_, i) => store.query(orgTotals, { author: i % 2 ? "lmsys" : "meta-llama", match: i % 2 ? "vicuna" : "llama-2", date: null })));
console.log(Date.now() - t0, rs.slice(0, 2));
const fams = await loadFamilies();
let t1 = Date.now();
for (const f of fams) await store.query(familyTotals, { official: officialSqlParams(f).officialPattern, names: null, relations: null, depth: 50, date: null });
console.log("families ms", Date.now() - t1, fams.length);
await store.close();
