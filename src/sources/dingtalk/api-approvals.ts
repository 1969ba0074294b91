import type { DingTalkTransport } from './transport.js';
import type { DingTalkProcessInstance } from './wire.js';

/**
 * Approval instance ids of one template (process code) in a window ≤120 days, all pages.
 * Legacy listids: size ≤20, userid_list ≤10 when given.
 */
export async function listProcessInstanceIds(
  t: DingTalkTransport,
  processCode: string,
  startMs: number,
  endMs: number,
  userIds?: string[],
): Promise<string[]> {
  const ids: string[] = [];
  const groups = userIds && userIds.length > 0 ? chunk(userIds, 10) : [undefined];
  for (const group of groups) {
    let cursor: number | undefined = 0;
    while (cursor !== undefined) {
      const page: { list?: string[]; next_cursor?: number } = await t.oapi('/topapi/processinstance/listids', {
        body: {
          process_code: processCode,
          start_time: startMs,
          end_time: endMs,
          size: 20,
          cursor,
          ...(group ? { userid_list: group.join(',') } : {}),
        },
        pick: (b) => b.result ?? {},
      });
      ids.push(...(page.list ?? []).map(String));
      cursor = page.next_cursor === undefined || page.next_cursor === null ? undefined : Number(page.next_cursor);
    }
  }
  return [...new Set(ids)];
}

/** One instance (v1.0), with its form values. */
export async function getProcessInstance(t: DingTalkTransport, processInstanceId: string): Promise<DingTalkProcessInstance> {
  const body = await t.v1<{ result: DingTalkProcessInstance }>('GET', '/v1.0/workflow/processInstances', {
    query: { processInstanceId },
  });
  return { processInstanceId, ...body.result };
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
