/**
 * The delivery section of npm run bench: the four scenarios of delivery.ts one after another (each
 * on a fresh bot process, data dir and fake Bot API), then one core burst right after the
 * throughput run, so the two rates are from the same minute of this shared machine.
 */
import {
  deliveryBurst,
  deliveryRestart,
  deliveryStream,
  deliveryThroughput,
  FULL_DELIVERY,
  QUICK_DELIVERY,
} from './delivery.js';
import type { DeliveryResults } from './delivery-goals.js';
import type { Row } from './goals.js';
import { machine } from './machine.js';

/** Runs the section; `coreBurst` runs the core burst in its own process (run.ts's worker). */
export async function runDeliverySection(
  quick: boolean,
  coreBurst: () => Promise<Row>,
  log: (text: string) => void,
): Promise<DeliveryResults> {
  const shape = quick ? QUICK_DELIVERY : FULL_DELIVERY;
  log(`delivery: burst of ${shape.burstOrders} orders through the Telegram adapter…`);
  const burst = await deliveryBurst(shape);
  log(`delivery: slow stream of ${shape.streamOrders} orders…`);
  const stream = await deliveryStream(shape);
  log('delivery: SIGTERM after a burst, then a restart…');
  const restart = await deliveryRestart(shape);
  log(`delivery: ${shape.throughputOrders.toLocaleString('en')} orders, 100 per getUpdates…`);
  const throughput = await deliveryThroughput(shape);
  log('delivery: the core burst beside it…');
  const core = await coreBurst();
  return {
    date: new Date().toISOString(),
    machine: await machine(),
    shape: { ...shape },
    burst,
    stream,
    restart,
    throughput,
    core,
  };
}
