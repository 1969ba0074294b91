import { describe, expect, it } from 'vitest';
import { openWeComCallback, sealWeComCallback, verifyWeComUrl } from '../../../src/sources/wecom/callback.js';
import { loadVectors } from '../platform/vectors.js';

const vec = loadVectors('wecom-callback-crypto.json');
const byId = (id: string) => vec.cases.find((c: any) => c.id === id);
const configOf = (c: any, change: Record<string, string> = {}) => {
  const v = { ...c, ...change };
  return { token: v.token, encodingAesKey: v.encoding_aes_key, receiveIds: [v.receive_id_config], maxSkewMs: null };
};
const queryOf = (c: any, extra: Record<string, string> = {}) =>
  new URLSearchParams({ msg_signature: c.msg_signature, timestamp: c.timestamp, nonce: c.nonce, ...extra });

describe('WeCom URL verification vectors', () => {
  it('legacy verifyurl from the raw percent-encoded query', async () => {
    const c = byId('wecom-legacy-verifyurl');
    await expect(verifyWeComUrl(c.raw_query_as_sent, configOf(c))).resolves.toBe(c.http_response_body);
  });

  it('verifyurl (python sample)', async () => {
    const c = byId('wecom-verifyurl');
    await expect(verifyWeComUrl(queryOf(c, { echostr: c.encrypt }), configOf(c))).resolves.toBe(c.http_response_body);
  });
});

describe('WeCom POST vectors', () => {
  it('legacy XML post (pad byte 30) and the inner event', async () => {
    const c = byId('wecom-legacy-post-xml');
    const out = await openWeComCallback(queryOf(c), c.request_body_xml, configOf(c));
    expect(out.format).toBe('xml');
    expect(out.plaintext).toBe(c.expected.plaintext);
    expect(out.event).toMatchObject({ Content: 'hello', MsgId: '4561255354251345929', AgentID: '218', MsgType: 'text' });
  });

  it('XML post with a UTF-8 message', async () => {
    const c = byId('wecom-post-xml');
    const out = await openWeComCallback(queryOf(c), c.request_body_xml, configOf(c));
    expect(out.plaintext).toBe(c.expected.plaintext);
    expect(out.event.Content).toBe('你好');
  });

  it('JSON post: receive id is checked against config, not the envelope ToUserName; malformed inner JSON is refused', async () => {
    const c = byId('wecom-post-json');
    await expect(openWeComCallback(queryOf(c), c.request_body_json, configOf(c))).rejects.toMatchObject({
      code: 'CALLBACK_MALFORMED',
    });
    await expect(
      openWeComCallback(queryOf(c), c.request_body_json, configOf(c, { receive_id_config: 'wx5823bf96d3bd56c7' })),
    ).rejects.toMatchObject({ code: 'CALLBACK_BAD_RECEIVE_ID' });
  });

  it.each((vec.negative_cases as any[]).map((n: any): [string, any] => [n.id, n]))('negative %s', async (_id, n: any) => {
    const c = { ...byId(n.base), ...n.change };
    const expected = n.change.receive_id_config ? 'CALLBACK_BAD_RECEIVE_ID' : 'CALLBACK_BAD_SIGNATURE';
    const p =
      n.base === 'wecom-legacy-verifyurl'
        ? verifyWeComUrl(queryOf(c, { echostr: c.encrypt }), configOf(c))
        : openWeComCallback(queryOf(c), c.request_body_xml.replace(byId(n.base).encrypt, c.encrypt), configOf(c));
    await expect(p).rejects.toMatchObject({ code: expected });
  });

  it('the +→space corruption also fails when the query is hand-decoded', async () => {
    const c = byId('wecom-legacy-verifyurl');
    const handDecoded = decodeURIComponent(c.raw_query_as_sent.replace(/\+/g, ' '));
    const q = new URLSearchParams();
    for (const part of handDecoded.split('&')) {
      const at = part.indexOf('=');
      q.set(part.slice(0, at), part.slice(at + 1).replace(/\+/g, ' '));
    }
    await expect(verifyWeComUrl(q, configOf(c))).rejects.toMatchObject({ code: 'CALLBACK_BAD_SIGNATURE' });
  });

  it('refuses DTDs in the envelope', async () => {
    const c = byId('wecom-legacy-post-xml');
    const evil = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${c.request_body_xml}`;
    await expect(openWeComCallback(queryOf(c), evil, configOf(c))).rejects.toMatchObject({ code: 'CALLBACK_MALFORMED' });
  });

  it('seal → open round trip with a nested approval event', async () => {
    const secrets = { token: 'tk', encodingAesKey: byId('wecom-verifyurl').encoding_aes_key };
    const xml =
      '<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000000</CreateTime>' +
      '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[sys_approval_change]]></Event><ApprovalInfo><SpNo>202311140001</SpNo>' +
      '<SpStatus>2</SpStatus><TemplateId><![CDATA[tpl-leave]]></TemplateId><Applyer><UserId><![CDATA[zhangsan]]></UserId></Applyer></ApprovalInfo></xml>';
    const now = 1_700_000_000_000;
    const sealed = sealWeComCallback(secrets, 'wwcorp', xml, { timestamp: String(now / 1000) });
    const clock = { now: () => now, sleep: async () => {} };
    const out = await openWeComCallback(new URLSearchParams(sealed.query), sealed.xml, {
      ...secrets,
      receiveIds: ['wwcorp'],
      clock,
    });
    expect(out.event).toMatchObject({ Event: 'sys_approval_change', ApprovalInfo: { SpNo: '202311140001', Applyer: { UserId: 'zhangsan' } } });
  });
});
