import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type {
  BudgetSubscriptionStore,
  Clock,
  ConversationReferenceStore,
  PipelineStore,
  SavedScenarioSource,
  ScenarioStore,
  TenantStore,
  ThreadStore,
  WorkloadStore,
} from "../../app/ports.ts";
import { DynamoBudgetSubscriptionStore } from "./budget-subscription-store.ts";
import { DynamoConversationReferenceStore } from "./conversation-reference-store.ts";
import { DynamoScenarioStore, type EngineFeatures } from "./scenario-store.ts";
import { DynamoTenantStore } from "./tenant-store.ts";
import { DynamoThreadStore } from "./thread-store.ts";
import { DynamoWorkloadStore } from "./workload-store.ts";

/** Every per-kind store on one table, as one object, for wiring an entry point. */
export type DynamoStores = PipelineStore & ConversationReferenceStore & SavedScenarioSource;

/** The methods of `store`, bound to it, as own properties so they can be spread together. */
function bound<T extends object>(store: T): T {
  const methods: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(store))) {
    const value = (store as Record<string, unknown>)[name];
    if (name !== "constructor" && typeof value === "function") methods[name] = value.bind(store);
  }
  return methods as T;
}

/** The stores on one table: scenarios, thread links, budget subscriptions, conversation references, tenant settings. */
export function dynamoStores(
  db: DynamoDBDocumentClient,
  table: string,
  clock?: Clock,
  engine: EngineFeatures = {},
): DynamoStores {
  return {
    ...bound<ScenarioStore>(new DynamoScenarioStore(db, table, engine)),
    ...bound<ThreadStore>(new DynamoThreadStore(db, table, clock)),
    ...bound<BudgetSubscriptionStore>(new DynamoBudgetSubscriptionStore(db, table)),
    ...bound<ConversationReferenceStore>(new DynamoConversationReferenceStore(db, table, clock)),
    ...bound<WorkloadStore>(new DynamoWorkloadStore(db, table)),
    ...bound<TenantStore & SavedScenarioSource>(new DynamoTenantStore(db, table)),
  };
}
