import { UserError } from "../errors.ts";
import { closest } from "../names.ts";

/** The shipped catalog's region: its AWS prices are us-east-1's (README "Prices: the catalog"). */
export const HOME_REGION = "us-east-1";

/** AWS's commercial and GovCloud regions, as the Price List API's `regionCode` names them. */
export const AWS_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "ca-west-1",
  "mx-central-1",
  "sa-east-1",
  "eu-central-1",
  "eu-central-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-south-2",
  "eu-north-1",
  "il-central-1",
  "me-south-1",
  "me-central-1",
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-1",
  "ap-south-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "us-gov-east-1",
  "us-gov-west-1",
];

/** `eu-central-1` as given (any case), or a UserError naming the close ones. */
export function parseRegion(text: string): string {
  const region = text.trim().toLowerCase();
  if (AWS_REGIONS.includes(region)) return region;
  const near = closest(region, AWS_REGIONS, 3);
  throw new UserError(
    `unknown AWS region \`${text.slice(0, 40)}\`${near.length ? `; close ones: ${near.join(", ")}` : ""}`,
    "region= takes an AWS region code, e.g. `region=eu-central-1`",
  );
}
