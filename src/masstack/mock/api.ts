// One function per operation of spec/masstack.openapi.yaml, keyed by operationId (the generated
// route table's keys). The three asynchronous ones answer 202 and leave the change to their
// workflow; the others answer at once. A service in a path must exist (404 otherwise).
import { json, mergePatch } from "../../core/simulator/http.js";
import { createRouter } from "../../core/simulator/router.js";
import { callbacks } from "../generated/callbacks.js";
import { routes } from "../generated/routes.js";
import type { ServiceDeviceUpdate, ServiceType } from "../generated/types.js";
import { checkBody, checkDeviceDetails, checkServiceDetails } from "./body.js";
import { invalid, notFound, readBody } from "./http.js";
import type { AsyncOperationId, CallbackFault, MasStackOperationId, SimulatedService, SimulatorWorkflow } from "./options.js";
import { BARRING_MASK_CODES } from "./seed.js";
import type { State } from "./state.js";
import type { Outcome, Workflows } from "./workflows.js";

export interface Call {
  request: Request;
  params: Record<string, string>;
  /** The path's service type, already checked (`deviceinsurance` for the terminate path). */
  type: ServiceType;
  /** The request's Request-Correlation-Id, or one generated for it. */
  workflowId: string;
  generated: boolean;
  /** The callback faults armed for this request; taken only when it is accepted. */
  callbackFaults: () => CallbackFault[];
}

export type Operation = (call: Call) => Promise<Response> | Response;

/**
 * The router over the spec's route table. The engine compares paths without their trailing
 * slash, so the creation's `/{service_type}/` is matched as `/{service_type}`.
 */
export const router = createRouter(routes.map((route) => ({ ...route, path: route.path.replace(/(.)\/+$/, "$1") })));

const accepted = () => new Response(null, { status: 202 });
const created = (body: unknown) => json(body, 201);

const serviceTitle = (type: string, id: string) => `Service ${id} of type ${type}`;

export function createApi(state: State, workflows: Workflows): Record<MasStackOperationId, Operation> {
  /** The service of the path, or the 404. */
  function service({ type, params }: Call): SimulatedService {
    const found = state.get(type, params.service_id!);
    if (!found) throw notFound(`${serviceTitle(type, params.service_id!)} does not exist`);
    return found;
  }

  /** Accepts an asynchronous request: its workflow runs `complete` later. */
  function start(
    call: Call,
    operationId: AsyncOperationId,
    serviceId: string,
    body: Record<string, unknown>,
    complete: (w: SimulatorWorkflow) => Outcome,
  ): Response {
    const workflow: SimulatorWorkflow = {
      workflowId: call.workflowId,
      generated: call.generated,
      operationId,
      service_type: call.type,
      service_id: serviceId,
      state: "pending",
      callback_success_url: body[callbacks[operationId].urls.success_event] as string,
      callback_error_url: body[callbacks[operationId].urls.error_event] as string,
    };
    state.workflows.push(workflow);
    workflows.start(workflow, call.callbackFaults(), () => complete(workflow));
    return accepted();
  }

  /** The service a workflow changes, when it still exists when the workflow runs. */
  const still = (w: SimulatorWorkflow) => state.get(w.service_type, w.service_id);
  const gone = (w: SimulatorWorkflow): Outcome => ({
    outcome: "error",
    body: { code: "SERVICE_OPERATION_FAILED", title: `${serviceTitle(w.service_type, w.service_id)} no longer exists`, service_id: w.service_id },
  });

  return {
    createService: async (call) => {
      const body = await readBody(call.request);
      checkBody("createService", body);
      checkServiceDetails(call.type, body.service_details as Record<string, unknown>);
      if (body.service_id === "") throw invalid("service_id must not be empty (request body)");
      // An id is reserved now when none is given: the callbacks name the service either way.
      const id = (body.service_id as string | undefined) ?? state.newServiceId();
      const details = structuredClone(body.service_details) as Record<string, unknown>;
      return start(call, "createService", id, body, (w) => {
        // Checked when the workflow runs: two creations of one id may both be accepted.
        if (still(w)) {
          return { outcome: "error", body: { code: "SERVICE_OPERATION_FAILED", title: `${serviceTitle(w.service_type, id)} already exists`, service_id: id } };
        }
        state.add(state.blank(call.type, id, details));
        return { outcome: "success", body: { code: "OK", title: "Service was successfully created", service_id: id } };
      });
    },
    updateServiceDevice: async (call) => {
      const found = service(call);
      const body = await readBody(call.request);
      checkBody("updateServiceDevice", body);
      const category = body.category as ServiceDeviceUpdate["category"];
      checkDeviceDetails(category, body.new_service_device_details as Record<string, unknown>);
      const device = { category, details: structuredClone(body.new_service_device_details) as Record<string, unknown> };
      const deviceId = call.params.device_id!;
      return start(call, "updateServiceDevice", found.service_id, body, (w) => {
        const target = still(w);
        if (!target) return gone(w);
        // A device id the service does not have yet is added: the seeds do not say how devices are numbered.
        target.devices[deviceId] = device;
        return { outcome: "success", body: { code: "OK", title: "Service device was successfully updated", service_id: w.service_id } };
      });
    },
    updateBarring: async (call) => {
      const found = service(call);
      const body = await readBody(call.request);
      checkBody("updateBarring", body);
      const name = body.barring_name as SimulatedService["barrings"][number];
      const active = body.active as boolean;
      return start(call, "updateBarring", found.service_id, body, (w) => {
        const target = still(w);
        if (!target)
          return {
            outcome: "error",
            body: { codeResult: "BARRING_UPDATE_FAILED", titleResult: `${serviceTitle(w.service_type, w.service_id)} no longer exists` },
          };
        const others = target.barrings.filter((b) => b !== name);
        target.barrings = active ? [...others, name] : others;
        return { outcome: "success", body: { codeResult: "OK", titleResult: "Barring update was successfully finished" } };
      });
    },
    getBarrings: (call) => {
      const found = service(call);
      return json({
        subscriptionId: found.subscriptionId,
        appliedBarringsMaskCodes: [...found.maskCodes, ...found.barrings.map((b) => BARRING_MASK_CODES[b])],
      });
    },
    createMovement: (call) => createMovement(call, true),
    createNonSubscribableMovement: (call) => createMovement(call, false),
    updateMovement: async (call) => {
      const found = service(call);
      const movementId = call.params.movement_id!;
      const movement = Object.hasOwn(found.movements, movementId) ? found.movements[movementId] : undefined;
      if (!movement) throw notFound(`Movement ${movementId} does not exist for ${serviceTitle(call.type, found.service_id)}`);
      // The body is undocumented: whatever it holds is merged into the movement.
      movement.body = mergePatch(movement.body, await readBody(call.request)) as Record<string, unknown>;
      return json({ code: "OK", title: "Movement updated correctly" });
    },
    createRefund: (call) => createRefund(call, true),
    createNonSubscribableRefund: (call) => createRefund(call, false),
    createPromotion: async (call) => {
      const found = service(call);
      const body = await readBody(call.request);
      checkBody("createPromotion", body);
      const promotionId = crypto.randomUUID();
      found.promotions[promotionId] = {
        promotion_id: promotionId,
        promotion: structuredClone(body.promotion) as SimulatedService["promotions"][string]["promotion"],
      };
      return created({ code: "CREATED", title: "Promotion created correctly", promotion_id: promotionId });
    },
    updatePromotion: async (call) => {
      const found = service(call);
      const promotionId = call.params.promotion_id!;
      const promotion = Object.hasOwn(found.promotions, promotionId) ? found.promotions[promotionId] : undefined;
      if (!promotion) throw notFound(`Promotion ${promotionId} is not active on ${serviceTitle(call.type, found.service_id)}`);
      const body = await readBody(call.request);
      checkBody("updatePromotion", body);
      promotion.promotion.deactivation_date = body.deactivation_date as string;
      return json({ code: "OK", title: "Promotion updated correctly" });
    },
    terminateDeviceInsurance: async (call) => {
      const found = service(call);
      const body = await readBody(call.request);
      checkBody("terminateDeviceInsurance", body);
      if (found.terminated) throw invalid(`Device insurance ${found.service_id} is already terminated`);
      found.terminated = { reason: body.reason as string, deactivation_date: body.deactivation_date as string };
      return json({ code: "OK", title: "Device insurance terminated correctly" });
    },
  };

  async function createMovement(call: Call, subscribable: boolean): Promise<Response> {
    const found = service(call);
    const body = await readBody(call.request);
    checkBody(subscribable ? "createMovement" : "createNonSubscribableMovement", body);
    const movementId = crypto.randomUUID();
    found.movements[movementId] = { movement_id: movementId, subscribable, body: structuredClone(body) };
    return created({ code: "CREATED", title: "Movement created correctly", movement_id: movementId });
  }

  async function createRefund(call: Call, subscribable: boolean): Promise<Response> {
    const found = service(call);
    const body = await readBody(call.request);
    checkBody(subscribable ? "createRefund" : "createNonSubscribableRefund", body);
    const movementId = body.movement_id as string;
    if (!Object.hasOwn(found.movements, movementId)) throw notFound(`Movement ${movementId} does not exist for ${serviceTitle(call.type, found.service_id)}`);
    const refundId = crypto.randomUUID();
    found.refunds[refundId] = { refund_id: refundId, subscribable, body: structuredClone(body) };
    return created({ code: "CREATED", title: "Refund created correctly", refund_id: refundId });
  }
}
