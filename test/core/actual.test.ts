import { describe, expect, it } from "vitest";
import {
  billedServices,
  calibrate,
  compareActual,
  type EstimatedLine,
  modelService,
} from "../../src/core/actual.ts";
import { builtInCatalog } from "../../src/core/catalog/index.ts";
import { estimate, resolveParams } from "../../src/core/estimate.ts";
import { Decimal, dec } from "../../src/core/money.ts";
import { findTemplate, TEMPLATES } from "../../src/core/templates/index.ts";

const catalog = builtInCatalog();
const voiceAgent = findTemplate("voice-agent")!;
const name = (v: string) => ({ kind: "name" as const, value: v, text: v });
const paramsOf = (template = voiceAgent, written = {}) => resolveParams(template, written, catalog);

describe("lines to the bill", () => {
  it("a model line follows its model: Amazon's on Bedrock, a marketplace model's own service, another provider's nowhere", () => {
    expect(modelService(catalog.model("nova-pro")!)).toBe("Amazon Bedrock");
    expect(modelService(catalog.model("llama-3.3-70b")!)).toBe("Amazon Bedrock");
    expect(modelService(catalog.model("claude-sonnet-4.5")!)).toBe(
      "Claude Sonnet 4.5 (Amazon Bedrock Edition)",
    );
    expect(modelService(catalog.model("gpt-4o")!)).toBeUndefined();
    expect(
      billedServices(voiceAgent, "llm", paramsOf(voiceAgent, { model: name("gpt-4o") }), catalog),
    ).toEqual([]);
  });

  it("voice-agent's AWS lines carry Cost Explorer's SERVICE names; Agora is not in the AWS bill", () => {
    const params = paramsOf();
    const services = Object.fromEntries(
      ["llm", "stt", "tts", "rtc", "egress", "eks", "ec2", "cloudfront", "alb"].map((id) => [
        id,
        billedServices(voiceAgent, id, params, catalog),
      ]),
    );
    expect(services).toEqual({
      llm: ["Amazon Bedrock"],
      stt: ["Amazon Transcribe"],
      tts: ["Amazon Polly"],
      rtc: [],
      egress: ["EC2 - Other"],
      eks: ["Amazon Elastic Container Service for Kubernetes"],
      ec2: ["Amazon Elastic Compute Cloud - Compute"],
      cloudfront: ["Amazon CloudFront"],
      alb: ["Amazon Elastic Load Balancing"],
    });
  });

  it("every built-in names a bill for each of its lines priced at an aws.* key", () => {
    for (const template of TEMPLATES) {
      const e = estimate(template, resolveParams(template, {}, catalog), catalog);
      for (const line of e.lines) {
        if (line.priceKeys.some((k) => k.startsWith("aws.")))
          expect(template.bill?.[line.id], `${template.name}.${line.id}`).toBeDefined();
      }
    }
  });
});

const month = { month: "2026-12", daysInMonth: 31, daysElapsed: 5 };
const line = (id: string, amount: string, services: string[]): EstimatedLine => ({
  id,
  label: id,
  amount: dec(amount),
  services,
});

describe("compareActual", () => {
  it("projects the current month pro rata by whole days and rounds each figure once", () => {
    const report = compareActual(
      [line("llm", "24192", ["Amazon Bedrock"]), line("rtc", "1364.38", [])],
      {
        services: [
          { service: "Amazon Bedrock", usd: "4410.123456789" },
          { service: "Amazon Route 53", usd: "0.5" },
        ],
        forecastRestUsd: "48000.00",
      },
      month,
      new Decimal(1),
    );
    // 4410.123456789 / 5 × 31 = 27342.7654320918 → 27342.77; − 24192 = 3150.7654… → 3150.77;
    // 3150.7654 / 24192 = 13.024 % → 13.0.
    expect(report.lines[0]).toEqual({
      id: "llm",
      label: "llm",
      services: ["Amazon Bedrock"],
      estimate: "24192.00",
      actual: "4410.12",
      projected: "27342.77",
      difference: "3150.77",
      differencePct: "13.0",
    });
    expect(report.lines[1]).toMatchObject({ id: "rtc", actual: null, projected: null, difference: null });
    expect(report.unmatched).toEqual([{ service: "Amazon Route 53", actual: "0.50" }]);
    // Actual 4410.123456789 + 0.5 = 4410.623456789; projected × 31/5 = 27345.8654…;
    // the forecast is the actual plus Cost Explorer's 48,000.00 for the days left = 52410.62.
    // The estimate is the AWS lines only (Agora's 1,364.38 is not in the bill).
    expect(report.total).toEqual({
      estimate: "24192.00",
      actual: "4410.62",
      projected: "27345.87",
      forecast: "52410.62",
    });
    expect(report.complete).toBe(false);
  });

  it("a past month's projection is its actual, and it has no forecast", () => {
    const report = compareActual(
      [line("stt", "6750", ["Amazon Transcribe"])],
      { services: [{ service: "Amazon Transcribe", usd: "6610.5" }] },
      { month: "2026-11", daysInMonth: 30, daysElapsed: 30 },
      new Decimal(1),
    );
    // 6610.50 − 6750.00 = −139.50; −139.5 / 6750 = −2.0667 % → −2.1.
    expect(report.lines[0]).toMatchObject({
      actual: "6610.50",
      projected: "6610.50",
      difference: "-139.50",
      differencePct: "-2.1",
    });
    expect(report.total.forecast).toBeNull();
    expect(report.complete).toBe(true);
  });

  it("lines billed under one service are one row: Cost Explorer cannot split a service", () => {
    const report = compareActual(
      [
        line("workers", "100", ["Amazon Elastic Compute Cloud - Compute"]),
        line("gpu", "50", ["Amazon Elastic Compute Cloud - Compute"]),
      ],
      { services: [{ service: "Amazon Elastic Compute Cloud - Compute", usd: "180" }] },
      { month: "2026-11", daysInMonth: 30, daysElapsed: 30 },
      new Decimal(1),
    );
    // 180 − (100 + 50) = +30, 20.0 %.
    expect(report.lines).toEqual([
      expect.objectContaining({
        id: "workers+gpu",
        estimate: "150.00",
        actual: "180.00",
        differencePct: "20.0",
      }),
    ]);
  });

  it("converts the USD actuals at the rate given (1 USD = 32 TWD), rounding once", () => {
    const report = compareActual(
      [line("stt", "216000", ["Amazon Transcribe"])],
      { services: [{ service: "Amazon Transcribe", usd: "6610.515" }] },
      { month: "2026-11", daysInMonth: 30, daysElapsed: 30 },
      new Decimal(32),
    );
    // 6610.515 × 32 = 211536.48 (rounding 6610.515 first would give 211536.64).
    expect(report.lines[0]!.actual).toBe("211536.48");
  });

  it("nothing under the filter is zero spend, not a failure", () => {
    const report = compareActual(
      [line("stt", "10", ["Amazon Transcribe"])],
      { services: [] },
      month,
      new Decimal(1),
    );
    // 0 − 10 = −10, −100 %.
    expect(report.lines[0]).toMatchObject({
      actual: "0.00",
      projected: "0.00",
      difference: "-10.00",
      differencePct: "-100.0",
    });
    expect(report.total.actual).toBe("0.00");
  });
});

describe("calibrate", () => {
  it("names the users that explain a line proportional to users (LLM 27,342.77 against 24,192.00 at 1,000 users)", () => {
    const c = calibrate(voiceAgent, paramsOf(), catalog, {
      id: "llm",
      label: "LLM (nova-pro)",
      estimate: dec("24192.00"),
      projected: dec("27342.77"),
    });
    // 1000 × 27342.77 / 24192 = 1130.24 → 1130 (users are whole).
    expect(c).toEqual({ line: "llm", label: "LLM (nova-pro)", key: "users", value: "1130" });
  });

  it("says nothing when the value would leave the parameter's range (EKS: 720 h × 80/72 = 800 h > 744)", () => {
    expect(
      calibrate(voiceAgent, paramsOf(), catalog, {
        id: "eks",
        label: "EKS",
        estimate: dec("72"),
        projected: dec("80"),
      }),
    ).toBeUndefined();
  });

  it("says nothing for a tiered line: Transcribe's 300,000 minutes cross a tier, so no parameter doubles it exactly", () => {
    // 1000 users × 1 h × 30 days × 3600 / 30 s = 3.6M turns × 5 s / 60 = 300,000 minutes (tier 1 ends at 250,000).
    expect(
      calibrate(voiceAgent, paramsOf(), catalog, {
        id: "stt",
        label: "Amazon Transcribe",
        estimate: dec("6750"),
        projected: dec("6511.55"),
      }),
    ).toBeUndefined();
  });
});

describe("self counts Cost Explorer's requests", () => {
  it("two tracked scenarios, weekly: 2 requests × 2 scenarios × 4.5 weeks ≈ 18 a month at 0.01 USD = 0.18 USD", () => {
    const self = findTemplate("self")!;
    const written = { ce_requests: { kind: "number" as const, value: "18", text: "18" } };
    const e = estimate(self, resolveParams(self, written, catalog), catalog);
    // 18 × 0.01 = 0.18, billed under "AWS Cost Explorer".
    expect(e.lines.find((l) => l.id === "costexplorer")?.amount).toBe("0.18");
    expect(self.bill?.costexplorer).toEqual(["AWS Cost Explorer"]);
    // Without requests the line is left out, as before.
    const none = estimate(self, resolveParams(self, {}, catalog), catalog);
    expect(none.lines.map((l) => l.id)).not.toContain("costexplorer");
  });
});
