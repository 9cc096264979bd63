// Validates an OpenAPI document with @apidevtools/swagger-parser (schema of
// OpenAPI 3.0 plus $ref resolution). Usage: node validate_openapi.mjs FILE
// Exit 0 valid, 1 invalid, 77 when the validator is not installed (npm ci).
import { readFileSync } from "node:fs";

let SwaggerParser;
try {
  SwaggerParser = (await import("@apidevtools/swagger-parser")).default;
} catch (e) {
  console.log(`SKIP: @apidevtools/swagger-parser is not installed (run: npm ci --prefix tests/api): ${e.message}`);
  process.exit(77);
}

const file = process.argv[2];
const doc = JSON.parse(readFileSync(file, "utf8"));
try {
  const api = await SwaggerParser.validate(doc);
  console.log(`${file}: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths`);
} catch (e) {
  console.error(`${file}: INVALID: ${e.message}`);
  process.exit(1);
}
