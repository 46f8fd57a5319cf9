// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { requireTool } from "../helpers/tools.js";

const tools = suite("a shell test never passes quietly without its shell");
tools("a missing shell fails the test, naming the apt-get package", () => {
  assert.throws(() => requireTool("aim-no-such-shell", "aim-no-such-pkg"), /NOT INSTALLED.*apt-get install aim-no-such-pkg/);
});
tools("the shells, tmux and shellcheck the hook tests drive are installed here", () => {
  for (const tool of ["bash", "zsh", "fish", "tmux", "shellcheck"]) requireTool(tool);
});
tools.run();
