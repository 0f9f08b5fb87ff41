/** Entry point of the `omo` binary: runs the CLI on process.argv and sets the exit code. */
import { main } from "./main.js";

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
