import { useEffect, useState } from 'react';
import { Alert, Form, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type RequestJson, type ResponseJson } from '../../api/typed';
import { ruleErrorText } from './errors';

type Price = ResponseJson<'/api/v1/leave-balances/price', 'post'>;
type PriceBody = RequestJson<'/api/v1/leave-balances/price', 'post'>;

/** Waits this long after the last change before asking the server: typing a range sends one request. */
export const PRICE_DEBOUNCE_MS = 400;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Hours of a leave window; an end at or before the start is on the next day. */
export function windowHours(window: [Dayjs, Dayjs] | null | undefined): number | null {
  if (!window) return null;
  const [start, end] = window;
  const mins = end.hour() * 60 + end.minute() - (start.hour() * 60 + start.minute());
  return round2((mins <= 0 ? mins + 1440 : mins) / 60);
}

/** What the leave form's current values ask the price endpoint (null until a type and dates are chosen). */
export function priceBody(v: { leaveType?: string; fromDate?: [Dayjs, Dayjs]; half?: 'am' | 'pm' | 'none'; leaveWindow?: [Dayjs, Dayjs] | null }): PriceBody | null {
  if (!v.leaveType || !v.fromDate?.[0] || !v.fromDate[1]) return null;
  const fromDate = v.fromDate[0].format('YYYY-MM-DD');
  const toDate = v.fromDate[1].format('YYYY-MM-DD');
  const oneDay = fromDate === toDate;
  const hours = oneDay ? windowHours(v.leaveWindow) : null;
  const half = oneDay && hours === null && v.half && v.half !== 'none' ? v.half : null;
  return { leaveType: v.leaveType, fromDate, toDate, half, hours };
}

/**
 * Inside the leave request form: what the request will cost, priced by the server from the
 * employee's schedule (per day; rest days and holidays free), and the balance it leaves. Says
 * plainly when it exceeds the balance of a type that does not allow going negative.
 */
export function LeaveCostPreview() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const leaveType = Form.useWatch('leaveType', form) as string | undefined;
  const fromDate = Form.useWatch('fromDate', form) as [Dayjs, Dayjs] | undefined;
  const half = Form.useWatch('half', form) as 'am' | 'pm' | 'none' | undefined;
  const leaveWindow = Form.useWatch('leaveWindow', form) as [Dayjs, Dayjs] | null | undefined;
  const body = priceBody({ leaveType, fromDate, half, leaveWindow });
  const key = body ? JSON.stringify(body) : '';
  const [state, setState] = useState<{ key: string; price?: Price; error?: string } | null>(null);

  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      unwrap(apiClient.POST('/api/v1/leave-balances/price', { body: JSON.parse(key) as PriceBody, signal: controller.signal }))
        .then((price) => setState({ key, price }))
        .catch((err: unknown) => {
          if (!controller.signal.aborted) setState({ key, error: ruleErrorText(t, err) });
        });
    }, PRICE_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, t]);

  if (!key) return null;
  const current = state?.key === key ? state : null;
  if (!current) {
    return (
      <div className="daka-leave-cost" data-testid="leave-cost">
        <Spin size="small" /> <Typography.Text type="secondary">{t('leaveCost.pricing')}</Typography.Text>
      </div>
    );
  }
  if (current.error) return <Alert className="daka-leave-cost" data-testid="leave-cost" type="warning" showIcon title={current.error} />;
  const p = current.price!;
  const unit = t(`leaveBalances.units.${p.unit}`);
  const after = p.available === null ? null : round2(p.available - p.amount);
  const type = !p.fits ? 'error' : after !== null && after < 0 ? 'warning' : 'info';
  const title = t('leaveCost.costs', { amount: p.amount, unit });
  return (
    <Alert
      className="daka-leave-cost"
      data-testid="leave-cost"
      type={type}
      showIcon
      title={title}
      description={
        <div>
          {p.days.length > 0 && (
            <ul className="daka-leave-cost-days">
              {p.days.map((d) => (
                <li key={d.date}>
                  <span>{d.date}</span>
                  <span>
                    {d.amount} {unit}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {p.freeDates.length > 0 && <div>{t('leaveCost.free', { count: p.freeDates.length, dates: p.freeDates.map((d) => d.slice(5)).join('、') })}</div>}
          {!p.tracked && <div>{t('leaveCost.untracked')}</div>}
          {p.tracked && p.available !== null && p.fits && (
            <div>
              {t('leaveCost.balance', { available: p.available, after: after!, unit })}
            </div>
          )}
          {!p.fits && <Typography.Text strong>{t('leaveCost.exceeds', { amount: p.amount, available: p.available, unit })}</Typography.Text>}
          {p.fits && after !== null && after < 0 && <Typography.Text>{t('leaveCost.negative')}</Typography.Text>}
        </div>
      }
    />
  );
}
