// @unit: pure logic, run by test/run.mjs without D-Bus or a keyring.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { renderTemplate, templateFields } from "../../src/core/template.js";
import { AimError } from "../../src/errors.js";

const throwsTool = (fn: () => unknown, message: RegExp) => {
  try {
    fn();
  } catch (err) {
    assert.instance(err, AimError);
    assert.is((err as AimError).code, "TOOL");
    assert.match((err as AimError).message, message);
    return;
  }
  assert.unreachable("expected a TOOL error");
};

const render = suite("renderTemplate");
render("fills holes inside arguments, keeps every value one argument", () => {
  assert.equal(renderTemplate(["--message", "{message}", "--n={count}"], { message: "a b; $(x) *", count: 3 }, "t"), [
    "--message",
    "a b; $(x) *",
    "--n=3",
  ]);
});
render("{field...} spreads a list, or one value, or nothing", () => {
  const t = ["x", "{files...}"];
  assert.equal(renderTemplate(t, { files: ["a", "b c"] }, "t"), ["x", "a", "b c"]);
  assert.equal(renderTemplate(t, { files: "one" }, "t"), ["x", "one"]);
  assert.equal(renderTemplate(t, {}, "t"), ["x"]);
});
render("a group is kept only when all of its fields are given", () => {
  const t = [["--model", "{model}"], "{prompt}"];
  assert.equal(renderTemplate(t, { prompt: "p" }, "t"), ["p"]);
  assert.equal(renderTemplate(t, { prompt: "p", model: "m" }, "t"), ["--model", "m", "p"]);
});
render("missing, unknown and misplaced fields are errors naming the capability", () => {
  throwsTool(() => renderTemplate(["{message}"], {}, "aider code_generation"), /^aider code_generation: the payload lacks "message"$/);
  throwsTool(() => renderTemplate(["{message}"], { message: "m", mesage: "typo" }, "t"), /unknown payload field "mesage"/);
  throwsTool(() => renderTemplate(["--m={message}"], { message: ["a", "b"] }, "t"), /"message" must be a single value here/);
});
render("an undefined field counts as absent", () => {
  assert.equal(renderTemplate([["-m", "{model}"]], { model: undefined }, "t"), []);
});
render("templateFields lists each field once, in order", () => {
  assert.equal(templateFields(["{a}", ["--b", "{b}"], "{a}-{c...}"]), ["a", "b", "c"]);
});
render.run();
