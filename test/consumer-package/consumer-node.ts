// A Node application that uses giacom-sdk and giacom-sdk/webhooks only: no msw installed in its
// mind, no DOM lib (tsconfig.node-only.json), and skipLibCheck off, so every declaration file of
// these two entry points is itself type-checked. It passes only if the SDK's declarations need
// nothing but ES2022 and @types/node. Also checked as CommonJS (cjs/consumer-node.ts).
import { createServer } from "node:http";
import { createGiacomClient, isGiacomError, type GiacomClient, type ServiceOrderCreate } from "giacom-sdk";
import { createWebhookReceiver, toNodeHandler, type WebhookEvent } from "giacom-sdk/webhooks";

export function connect(clientId: string, clientSecret: string): GiacomClient {
  return createGiacomClient({ environment: "uat", credentials: { clientId, clientSecret } });
}

// @ts-expect-error "staging" is not a Giacom environment: the published types must reject it.
createGiacomClient({ environment: "staging", credentials: { clientId: "id", clientSecret: "secret" } });

export async function cease(giacom: GiacomClient, serviceId: string): Promise<string | undefined> {
  const order: ServiceOrderCreate = { serviceOrderItem: [{ id: "1", action: "delete", service: { id: serviceId } }] };
  try {
    return (await giacom.serviceOrders.create(order)).state;
  } catch (error) {
    if (isGiacomError(error)) return error.code;
    throw error;
  }
}

export function serve(apiKey: string, onEvent: (event: WebhookEvent) => void) {
  const receiver = createWebhookReceiver({ apiKey });
  receiver.subscribe(onEvent);
  return createServer(toNodeHandler(receiver));
}
