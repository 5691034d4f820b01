import { parseRegion } from "../core/catalog/regions.ts";
import { UserError } from "../core/errors.ts";
import { CURRENCIES, Decimal, isCurrency } from "../core/money.ts";
import { didYouMean } from "../core/names.ts";
import type { Value } from "../core/params.ts";
import { TEMPLATES } from "../core/templates/index.ts";
import { type Assignments, COMMAND_WORDS, type Command, type Options } from "./commands.ts";
import { parseList, parseValue, parseValues, truncate } from "./values.ts";
import { couldBeWorkload } from "./workloads.ts";

export const MAX_POINTS = 50;
/** plan's prices= and a budget's thresholds=: a handful each (AWS allows 10 notifications a budget). */
export const MAX_LIST_VALUES = 10;
/** Longer input is refused before any work: no command is anywhere near this long. */
export const MAX_INPUT = 2000;
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

interface Words {
  readonly words: string[];
  readonly pairs: { key: string; text: string }[];
  readonly options: Options;
}

/** Splits the text into bare words and key=value pairs, and takes out the flags. */
function split(text: string): Words {
  // Chat clients turn quotes and dashes into typographic ones and add non-breaking spaces.
  const clean = text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u201C\u201D]/g, "")
    .replace(/[\u2013\u2014\u2212]/g, "-")
    .trim();
  const tokens = clean.split(/\s+/).filter(Boolean);
  const words: string[] = [];
  const pairs: { key: string; text: string }[] = [];
  let options: Options = {};
  for (const token of tokens) {
    if (token === "--json") {
      options = { ...options, json: true };
      continue;
    }
    const eq = token.indexOf("=");
    if (eq < 0) {
      if (pairs.length) throw new UserError(`\`${truncate(token)}\` should be key=value`);
      words.push(token);
      continue;
    }
    const key = token.slice(0, eq).toLowerCase();
    const value = token.slice(eq + 1);
    if (!/^[a-z_][a-z0-9_]*$/.test(key)) throw new UserError(`\`${truncate(token)}\` is not key=value`);
    if (key === "currency") {
      const code = value.toUpperCase();
      if (!isCurrency(code))
        throw new UserError(`currency is one of ${CURRENCIES.join(", ")} (got ${truncate(value)})`);
      options = { ...options, currency: code };
    } else if (key === "region") {
      options = { ...options, region: parseRegion(value) };
    } else if (key === "detail") {
      if (!/^(full|true|false|short)$/i.test(value)) throw new UserError("detail is full or short");
      options = { ...options, detail: /^(full|true)$/i.test(value) };
    } else {
      if (pairs.some((p) => p.key === key)) throw new UserError(`\`${key}\` is given twice`);
      pairs.push({ key, text: value });
    }
  }
  return { words, pairs, options };
}

function assignments(pairs: Words["pairs"]): Assignments {
  return Object.fromEntries(pairs.map((p) => [p.key, parseValue(p.key, p.text)]));
}

function expectName(word: string | undefined, what: string): string {
  if (!word) throw new UserError(`${what} needs a name`);
  if (!NAME.test(word))
    throw new UserError(`\`${truncate(word)}\` is not a usable name (letters, digits, . _ -)`);
  return word.toLowerCase();
}

function expectTemplate(word: string | undefined, command: string): string {
  if (!word) throw new UserError(`${command} needs a template: ${TEMPLATES.map((t) => t.name).join(", ")}`);
  return word.toLowerCase();
}

function noExtraWords(words: string[], from: number, command: string) {
  if (words.length > from) throw new UserError(`\`${truncate(words[from]!)}\` is not part of ${command}`);
}

/** The one grammar (README, The command language), for every surface. Throws UserError with a one-line reason. */
export function parseCommand(text: string): Command {
  if (text.length > MAX_INPUT)
    throw new UserError(`that command is ${text.length} characters; at most ${MAX_INPUT}`);
  const book = parsePriceBook(text);
  if (book) return book;
  const { words, pairs, options } = split(text);
  const [first, ...rest] = words.map((w) => w.toLowerCase());
  if (first === undefined) {
    if (pairs.length) return { kind: "what-if", assignments: assignments(pairs), options };
    return { kind: "help", options };
  }
  switch (first) {
    case "what": {
      if (rest[0] !== "if") throw new UserError("did you mean `what if key=value …`?");
      noExtraWords(rest, 1, "what if");
      // `what if currency=TWD` changes only how the thread's scenario is shown: still a what-if.
      if (!pairs.length && !options.currency && options.detail === undefined) {
        throw new UserError("what if needs at least one key=value, e.g. `what if users=5000`");
      }
      return { kind: "what-if", assignments: assignments(pairs), options };
    }
    case "sweep":
    case "compare": {
      const template = expectTemplate(rest[0], first);
      noExtraWords(rest, 1, first);
      const listed = pairs.filter(
        (p) => p.text.includes(",") || (first === "sweep" && p.text.includes("..")),
      );
      if (listed.length !== 1) {
        const example = first === "sweep" ? "users=1000..10000:1000" : "model=nova-pro,nova-lite";
        throw new UserError(`${first} varies exactly one key, e.g. \`${first} ${template} ${example}\``);
      }
      const axisPair = listed[0]!;
      const values = parseList(axisPair.key, axisPair.text, first === "sweep", MAX_POINTS);
      const others = pairs.filter((p) => p !== axisPair);
      return {
        kind: first,
        template,
        axis: { key: axisPair.key, values },
        assignments: assignments(others),
        options,
      };
    }
    case "plan": {
      const template = expectTemplate(rest[0], "plan");
      noExtraWords(rest, 1, "plan");
      const pricesPair = pairs.find((p) => p.key === "prices");
      const prices: Value[] | undefined = pricesPair
        ? parseValues("prices", pricesPair.text, MAX_LIST_VALUES)
        : undefined;
      const others = pairs.filter((p) => p.key !== "prices");
      return {
        kind: "plan",
        template,
        assignments: assignments(others),
        ...(prices ? { prices } : {}),
        options,
      };
    }
    case "audit": {
      const template = expectTemplate(rest[0], "audit");
      noExtraWords(rest, 1, "audit");
      return { kind: "audit", template, assignments: assignments(pairs), options };
    }
    case "save": {
      const name = expectName(rest[0], "save");
      if (rest[1]) {
        noExtraWords(rest, 2, "save");
        return {
          kind: "save",
          name,
          inline: { template: rest[1], assignments: assignments(pairs) },
          options,
        };
      }
      if (pairs.length)
        throw new UserError(
          "save <name> saves the thread's scenario; to save a new one: save <name> <template> key=value …",
        );
      return { kind: "save", name, options };
    }
    case "list":
      noExtraWords(rest, 0, first);
      return { kind: "list", ...listPage(pairs), options };
    case "templates":
      noExtraWords(rest, 0, first);
      return { kind: first, options };
    case "show": {
      const name = expectName(rest[0], first);
      noExtraWords(rest, 1, first);
      return { kind: first, name, options };
    }
    case "delete": {
      const name = expectName(rest[0], first);
      noExtraWords(rest, 1, first);
      return { kind: "delete", name, ...deleteConfirmation(pairs), options };
    }
    case "diff": {
      const a = expectName(rest[0], "diff");
      const b = expectName(rest[1], "diff (two names)");
      noExtraWords(rest, 2, "diff");
      return { kind: "diff", names: [a, b], options };
    }
    case "budget":
      return parseBudget(rest, pairs, options);
    case "models":
      return { kind: "models", ...(rest.length ? { filter: rest.join(" ") } : {}), options };
    case "prices":
      if (rest[0] === "refresh") {
        noExtraWords(rest, 1, "prices refresh");
        if (pairs.length) throw new UserError("prices refresh takes only `region=<aws region>`");
        return { kind: "prices", refresh: true, options };
      }
      if (rest[0] === "book") {
        noExtraWords(rest, 1, "prices book");
        return { kind: "prices", book: true, options };
      }
      return { kind: "prices", ...(rest.length ? { filter: rest.join(" ") } : {}), options };
    case "workload":
      return parseWorkloadCommand(rest, pairs, options);
    case "settings":
      noExtraWords(rest, 0, "settings");
      return parseSettings(pairs, options);
    case "track":
    case "untrack":
    case "actual":
      return parseActualCommand(first, rest, pairs, options);
    case "help":
      noExtraWords(rest, 1, "help");
      return { kind: "help", ...(rest[0] ? { topic: rest[0] } : {}), options };
    default: {
      const template = TEMPLATES.find((t) => t.name === first);
      // Not a built-in: perhaps the tenant's own workload, which only the store knows.
      if (!template && couldBeWorkload(first) && !rest.length) {
        return { kind: "estimate", template: first, assignments: assignments(pairs), options };
      }
      if (!template) {
        const names = [...TEMPLATES.map((t) => t.name), ...COMMAND_WORDS];
        throw new UserError(
          `unknown template or command \`${truncate(words[0]!)}\`${didYouMean(first, names)}`,
          "`templates` lists the workloads, `help` the commands",
        );
      }
      noExtraWords(rest, 0, template.name);
      return { kind: "estimate", template: template.name, assignments: assignments(pairs), options };
    }
  }
}

const WORKLOAD_ACTIONS = ["add", "check", "show", "list", "delete"] as const;

/** `workload add <file>` | `check <file>` | `show <name>` | `list` | `delete <name>` (README, Your own workload). */
function parseWorkloadCommand(rest: string[], pairs: Words["pairs"], options: Options): Command {
  const action = WORKLOAD_ACTIONS.find((a) => a === rest[0]);
  if (!action) throw new UserError("workload add|check|show|list|delete, e.g. `workload show voice-agent`");
  if (pairs.length) throw new UserError(`workload ${action} takes no key=value`);
  if (action === "list") {
    noExtraWords(rest, 1, "workload list");
    return { kind: "workload", action, options };
  }
  if (action === "add" || action === "check") {
    // The model comes with the command (a file the CLI read, a code block in chat); the word
    // after the action is only the file's name, shown back.
    noExtraWords(rest, 2, `workload ${action}`);
    return { kind: "workload", action, ...(rest[1] ? { name: rest[1] } : {}), options };
  }
  const name = rest[1];
  if (!name) throw new UserError(`workload ${action} needs a workload's name`);
  noExtraWords(rest, 2, `workload ${action}`);
  return { kind: "workload", action, name, options };
}

/**
 * `prices set <key>=<amount>` and `prices unset <key>`: a catalog key has dots and dashes, which
 * key=value pairs do not take, so these two are read before the general split. Flags after it
 * (`--json`) still apply.
 */
function parsePriceBook(text: string): Command | undefined {
  const m = /^\s*prices\s+(set|unset)(?:\s+(\S+))?(.*)$/is.exec(text.normalize("NFKC"));
  if (!m) return undefined;
  const [, action, target, tail] = m;
  const { words, pairs, options } = split(tail ?? "");
  if (words.length || pairs.length)
    throw new UserError(
      `\`${truncate(words[0] ?? pairs[0]!.key)}\` is not part of prices ${action!.toLowerCase()}`,
    );
  if (action!.toLowerCase() === "unset") {
    if (!target || target.includes("="))
      throw new UserError("prices unset needs a key, e.g. `prices unset aws.lambda.requests`");
    return { kind: "prices", unset: target.toLowerCase(), options };
  }
  const eq = target?.indexOf("=") ?? -1;
  if (!target || eq <= 0 || eq === target.length - 1)
    throw new UserError("prices set needs key=amount, e.g. `prices set aws.ec2.g4dn.xlarge=0.41`");
  return {
    kind: "prices",
    set: { key: target.slice(0, eq).toLowerCase(), text: target.slice(eq + 1) },
    options,
  };
}

/** `settings [drift=10%] [variance=20%] [discount=aws:6%]`: drift and variance each a percent above 0 and at most 100. */
function parseSettings(pairs: Words["pairs"], options: Options): Command {
  const unknown = pairs.find((p) => p.key !== "drift" && p.key !== "variance" && p.key !== "discount");
  if (unknown)
    throw new UserError(
      `\`${unknown.key}\` is not a setting`,
      "settings: `drift=10%`, `variance=20%`, `discount=aws:6%`",
    );
  const percentOf = (key: string): string | undefined => {
    const pair = pairs.find((p) => p.key === key);
    if (!pair) return undefined;
    const value = parseValue(key, pair.text);
    const share = value.kind === "percent" ? new Decimal(value.value) : undefined;
    if (!share || share.lte(0) || share.gt(1))
      throw new UserError(
        `${key} is a percentage above 0 and at most 100 % (got ${truncate(pair.text)})`,
        `e.g. \`settings ${key}=${key === "drift" ? 10 : 20}%\``,
      );
    return share.times(100).toString();
  };
  const discountPair = pairs.find((p) => p.key === "discount");
  const discount = discountPair ? parseDiscount(discountPair.text) : undefined;
  const driftPercent = percentOf("drift");
  const variancePercent = percentOf("variance");
  return {
    kind: "settings",
    ...(driftPercent ? { driftPercent } : {}),
    ...(variancePercent ? { variancePercent } : {}),
    ...(discount ? { discount } : {}),
    options,
  };
}

/** `discount=aws:6%`: a percent from 0 (removes it) to 100 of every AWS-billed price. */
function parseDiscount(text: string) {
  const m = /^aws:(.+)$/i.exec(text.trim());
  if (!m)
    throw new UserError(
      `discount is \`aws:<percent>\`, e.g. \`settings discount=aws:6%\` (got ${truncate(text)})`,
    );
  const value = parseValue("discount", m[1]!);
  const share = value.kind === "percent" ? new Decimal(value.value) : undefined;
  if (!share || share.lt(0) || share.gt(1))
    throw new UserError(
      `a discount is between 0 and 100 % (got ${truncate(m[1]!)}); nothing stored`,
      "e.g. `settings discount=aws:6%`",
    );
  return { scope: "aws" as const, percent: share.times(100).toString(), text: m[1]! };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const TAG_KEY = /^[\p{L}\p{N} _.:/=+@-]{1,128}$/u;

/**
 * `track <scenario> tag=<key>:<value> | account=<12 digits>` (either or both), `untrack <scenario>`,
 * `actual <scenario> [month=YYYY-MM]` (README "Actual spend").
 */
function parseActualCommand(
  first: "track" | "untrack" | "actual",
  rest: string[],
  pairs: Words["pairs"],
  options: Options,
): Command {
  const name = expectName(rest[0], first);
  noExtraWords(rest, 1, first);
  const allowed = first === "track" ? ["tag", "account"] : first === "actual" ? ["month"] : [];
  const other = pairs.find((p) => !allowed.includes(p.key));
  if (other)
    throw new UserError(
      `${first} takes ${allowed.length ? allowed.map((k) => `\`${k}=\``).join(" and ") : "only a scenario's name"} (not \`${truncate(other.key)}\`)`,
    );
  const text = (key: string) => pairs.find((p) => p.key === key)?.text;
  if (first === "untrack") return { kind: "untrack", name, options };
  if (first === "actual") {
    const month = text("month");
    if (month !== undefined && !MONTH.test(month))
      throw new UserError(`\`month=${truncate(month)}\` is not a month: YYYY-MM, e.g. \`month=2026-11\``);
    return { kind: "actual", name, ...(month ? { month } : {}), options };
  }
  const tagText = text("tag");
  const account = text("account");
  if (tagText === undefined && account === undefined)
    throw new UserError(
      "track needs the bill to look in: `tag=<key>:<value>` (a cost-allocation tag) or `account=<12 digits>`",
      `e.g. \`track ${name} tag=app:voice\``,
    );
  if (account !== undefined && !/^\d{12}$/.test(account))
    throw new UserError(`\`account=${truncate(account)}\`: an AWS account id is 12 digits`);
  let tag: { key: string; value: string } | undefined;
  if (tagText !== undefined) {
    const colon = tagText.indexOf(":");
    const key = colon > 0 ? tagText.slice(0, colon) : "";
    const value = colon > 0 ? tagText.slice(colon + 1) : "";
    if (!TAG_KEY.test(key) || value.length > 256 || !value)
      throw new UserError(
        `\`tag=${truncate(tagText)}\` is not key:value, e.g. \`tag=app:voice\` (the cost-allocation tag on the workload's resources)`,
      );
    tag = { key, value };
  }
  return { kind: "track", name, ...(tag ? { tag } : {}), ...(account ? { account } : {}), options };
}

/** `delete <name> confirm=<token>`: the token the confirmation question gave. */
function deleteConfirmation(pairs: Words["pairs"]): { confirm?: string } {
  const other = pairs.find((p) => p.key !== "confirm");
  if (other) throw new UserError(`delete takes only a name (and \`confirm=…\` when asked)`);
  const text = pairs[0]?.text;
  if (text === undefined) return {};
  if (!/^[0-9a-z-]{1,40}$/i.test(text))
    throw new UserError(`\`confirm=${truncate(text)}\` is not a confirmation`);
  return { confirm: text.toLowerCase() };
}

/** `list page=2`: the only setting `list` takes. */
function listPage(pairs: Words["pairs"]): { page?: number } {
  const other = pairs.find((p) => p.key !== "page");
  if (other) throw new UserError(`list takes only \`page=N\` (not \`${truncate(other.key)}\`)`);
  const text = pairs[0]?.text;
  if (text === undefined) return {};
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new UserError(`\`page=${truncate(text)}\`: a page is 1, 2, 3, …`);
  return { page: Number(text) };
}

function parseBudget(rest: string[], pairs: Words["pairs"], options: Options): Command {
  const action = rest[0];
  if (action !== "create" && action !== "list" && action !== "show" && action !== "delete") {
    throw new UserError("budget create|list|show|delete, e.g. `budget create ml-prod from=my-scenario`");
  }
  if (action === "list") {
    noExtraWords(rest, 1, "budget list");
    return { kind: "budget", action, assignments: {}, options };
  }
  const name = expectName(rest[1], `budget ${action}`);
  noExtraWords(rest, 2, `budget ${action}`);
  if (action !== "create") {
    if (pairs.length) throw new UserError(`budget ${action} takes only a name`);
    return { kind: "budget", action, name, assignments: {}, options };
  }
  const thresholdPair = pairs.find((p) => p.key === "thresholds");
  const thresholds = thresholdPair && parseValues("thresholds", thresholdPair.text, MAX_LIST_VALUES);
  const others = pairs.filter((p) => p !== thresholdPair);
  return {
    kind: "budget",
    action,
    name,
    assignments: assignments(others),
    ...(thresholds ? { thresholds } : {}),
    options,
  };
}
