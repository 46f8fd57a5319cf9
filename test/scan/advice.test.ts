// @unit: the advice after a scan names each key by the reference that reads it.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { nextSteps } from "../../src/scan/advice.js";
import type { Finding } from "../../src/scan/scan.js";

const advice = suite("aim scan's advice");
const found = (key: string, profile: string): Finding => ({
  path: "notes.txt",
  line: 1,
  key,
  profile,
  encoding: "raw",
  place: "tree",
  offset: 0,
});

advice("a store profile that shares a scheme's name is still a profile", () => {
  const [rotate] = nextSteps([found("OPENAI_API_KEY", "team")], false);
  assert.match(rotate ?? "", "e.g. aim secrets set team/OPENAI_API_KEY");
  assert.match(rotate ?? "", "team/OPENAI_API_KEY: https://platform.openai.com/api-keys");
});

advice("a provider's value is named by its reference, and its rotation page found by its name", () => {
  const [rotate] = nextSteps([found("team:OPENAI_API_KEY", "team"), found("pass:work/GITHUB_TOKEN", "pass")], false);
  assert.match(rotate ?? "", "team:OPENAI_API_KEY: https://platform.openai.com/api-keys");
  assert.match(rotate ?? "", "pass:work/GITHUB_TOKEN: https://github.com/settings/tokens");
  assert.match(rotate ?? "", "e.g. aim secrets set NAME");
});

advice("a default-profile key is its bare name", () => {
  const [rotate] = nextSteps([found("GROQ_API_KEY", "default")], false);
  assert.match(rotate ?? "", "e.g. aim secrets set GROQ_API_KEY");
});

advice.run();
