/**
 * `npm run db:local`: a DynamoDB engine on this machine, with the costbot table, for the
 * CLI and for poking at data with any DynamoDB tool. Prints the endpoint alone on one line
 * (so scripts can read it) and runs until Ctrl-C or SIGTERM.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { documentClient, startEmbeddedDynamo } from "../src/adapters/dynamodb/embedded.ts";
import { createTable } from "../src/adapters/dynamodb/table.ts";

const settings = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(8000),
    COSTBOT_HOME: z.string().min(1).default(join(homedir(), ".costbot")),
    TABLE_NAME: z.string().min(3).default("costbot"),
  })
  .safeParse(process.env);
if (!settings.success) {
  console.error(`db:local: bad setting\n${z.prettifyError(settings.error)}`);
  process.exit(1);
}
const { PORT, COSTBOT_HOME, TABLE_NAME } = settings.data;

// classic-level creates the LevelDB folder itself (and its parents).
const engine = await startEmbeddedDynamo({ path: join(COSTBOT_HOME, "dynamodb"), port: PORT });
const client = documentClient(engine.endpoint);
try {
  await createTable(client, TABLE_NAME);
} finally {
  client.destroy();
}
console.log(engine.endpoint);

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.error(`db:local: ${signal}, closing`);
  await engine.close();
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
