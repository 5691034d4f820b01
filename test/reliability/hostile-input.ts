import fc from "fast-check";

/**
 * What people (and attackers) paste into a chat: the command language's own pieces mixed
 * with unicode, control characters, very long strings, extreme numbers and strings that
 * would ping everyone or inject markup if echoed unescaped (Slack mrkdwn, Markdown, Adaptive
 * Card JSON, HTML).
 */
export const INJECTIONS = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "@here",
  "@channel",
  "<@U0ALICE>",
  "<#C0SECRET|secret>",
  "<https://evil.example|click me>",
  "[click](https://evil.example)",
  "![x](https://evil.example/x.png)",
  "*bold* _it_ ~s~ `code` ```block```",
  '{"type":"AdaptiveCard","body":[{"type":"Action.OpenUrl","url":"https://evil.example"}]}',
  '"},{"type":"Action.OpenUrl","url":"https://evil.example"}',
  "<at>costbot</at>",
  "<script>alert(1)</script>",
  "'; DROP TABLE costbot; --",
  // A template literal's placeholder, as text: it must stay text.
  ["$", "{process.env.SLACK_BOT_TOKEN}"].join(""),
  "{{7*7}}",
  "../../etc/passwd",
  "%00%0d%0a",
];

const PIECES = [
  "voice-agent",
  "bedrock-api",
  "image-gen",
  "voice-coach",
  "gpu-platform",
  "what if",
  "sweep",
  "compare",
  "plan",
  "save",
  "show",
  "delete",
  "diff",
  "budget create",
  "help",
  "models",
  "users=",
  "model=",
  "devs=",
  "price=",
  "currency=",
  "detail=full",
  "..",
  ",",
  "%",
];

const CONTROL = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const NUMBERS = fc.oneof(
  fc.constantFrom(
    "1e308",
    "1e309",
    "-1e308",
    "1e-400",
    "5e-324",
    "0",
    "-0",
    "NaN",
    "Infinity",
    "0x10",
    "1_000",
  ),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.integer().map((n) => `${n}k`),
);

/**
 * Numbers at the edges of the 40 significant digits costbot computes with: a step that no
 * longer changes a 40-digit value (issue 16: 1e39..1e39+1:0.03 looped until out of memory),
 * 39- and 40-digit ends, tiny and huge exponents, past decimal.js's exponent limit.
 */
const PRECISION_EDGES = fc.oneof(
  fc.constantFrom(
    "1e39",
    "1000000000000000000000000000000000000001",
    "999999999999999999999999999999999999999",
    "1e38",
    "100000000000000000000000000000000000001",
    "0.03",
    "1e-39",
    "1e-40",
    "0.0000001",
    "0.000001",
    "1e15",
    "9e15",
    "1e9000000000000000",
    "1e99999999999999999",
    "-1e39",
    "1.5M",
  ),
  fc.bigInt({ min: 10n ** 37n, max: 10n ** 41n }).map(String),
  fc.integer({ min: -45, max: 45 }).map((e) => `1e${e}`),
);

/** A sweep range `a..b[:step]` built from those edges. */
export const edgeRange = fc
  .tuple(PRECISION_EDGES, PRECISION_EDGES, fc.option(PRECISION_EDGES, { nil: undefined }))
  .map(([from, to, step]) => `${from}..${to}${step === undefined ? "" : `:${step}`}`);

const edgeSweep = fc
  .tuple(fc.constantFrom("voice-agent users", "bedrock-api calls", "image-gen hours_per_day"), edgeRange)
  .map(([axis, range]) => `sweep ${axis}=${range}`);

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: NUMBERS },
  { weight: 1, arbitrary: PRECISION_EDGES },
  { weight: 1, arbitrary: edgeRange },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: CONTROL },
  {
    weight: 1,
    arbitrary: fc.constantFrom("\u202e", "\u200b", "\ufeff", "\u00a0", "🙂", "👩‍👩‍👧", "用户", "é"),
  },
);

/** One message: a short sentence of pieces, or (rarely) something very long. */
export const hostileText = fc.oneof(
  { weight: 20, arbitrary: fc.array(piece, { maxLength: 10 }).map((p) => p.join(" ")) },
  { weight: 3, arbitrary: fc.array(piece, { maxLength: 10 }).map((p) => p.join("")) },
  { weight: 3, arbitrary: edgeSweep },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom("x", "users=1 ", "<!channel>", "🙂", "\u0000"),
        fc.integer({ min: 500, max: 20_000 }),
      )
      .map(([s, n]) => s.repeat(Math.ceil(n / s.length))),
  },
);

/** Slack mrkdwn that would ping, link or mention if it reached a message unescaped. */
const SLACK_SPECIAL = /<[!@#]|<https?:/;

/** The raw markup problems in a recorded Slack call's body (its text and blocks as sent). */
export function slackInjection(body: unknown): string | undefined {
  const json = JSON.stringify(body);
  const match = SLACK_SPECIAL.exec(json);
  return match ? json.slice(Math.max(0, match.index - 40), match.index + 40) : undefined;
}
