// The core transport typed by Giacom's contract: what every namespace is given.
import type { Transport } from "../core/transport.js";
import type { paths } from "./generated/giacom.js";

/** @internal */
export type GiacomTransport = Transport<paths>;
