// The same libpg_query wasm run by Node (V8), for reference: warm statements/s of the parse call
// alone (pg_query_parse to JSON text, as lockstep's wasm mode in bench/ParseThroughput.java).
// Usage: node bench/node-reference.cjs PACKAGE_DIR STATEMENTS_JSON [TOTAL] [WARMUP]
// PACKAGE_DIR is the unpacked npm tarball the build fetched (core/target/libpg-query/*.tgz).
const fs = require('fs');
const path = require('path');
const [pkg, statementsFile, totalArg, warmupArg] = process.argv.slice(2);
const total = Number(totalArg || 100000);
const warmup = Number(warmupArg || 20000);

(async () => {
  const factory = require(path.resolve(pkg, 'wasm/libpg-query.js'));
  const m = await factory();
  const statements = JSON.parse(fs.readFileSync(statementsFile, 'utf8'));
  const parse = (sql) => {
    const size = m.lengthBytesUTF8(sql) + 1;
    const input = m._malloc(size);
    m.stringToUTF8(sql, input, size);
    const result = m._wasm_parse_query_raw(input);
    const error = m.getValue(result + 8, 'i32');
    const text = m.UTF8ToString(error ? m.getValue(error, 'i32') : m.getValue(result, 'i32'));
    m._free(input);
    m._wasm_free_parse_result(result);
    return text;
  };
  let i = 0;
  for (; i < warmup; i++) parse(statements[i % statements.length]);
  const start = process.hrtime.bigint();
  for (let n = 0; n < total; n++, i++) parse(statements[i % statements.length]);
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`node ${process.version}: ${Math.round(total / secs).toLocaleString('en')} statements/s over ` +
    `${total.toLocaleString('en')} parses (${secs.toFixed(1)} s), one thread`);
})();
