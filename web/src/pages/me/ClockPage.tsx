import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Input, List, Result, Space, Spin, Tag, Typography } from 'antd';
import { CameraOutlined, EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { apiClient, unwrap, type ResponseJson } from '../../api/typed';
import { currentFix, distanceM, downscalePhoto, type Fix, type FixError } from './geo';

type ClockStatus = ResponseJson<'/api/v1/me/clock'>;
type PunchResult = ResponseJson<'/api/v1/me/clock', 'post'>;

const hhmmss = (wall: string) => wall.slice(11, 19);

/** 打卡: punch in or out from the phone browser, inside the site's fence or as field work. */
export default function ClockPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ClockStatus | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [fix, setFix] = useState<Fix | null>(null);
  const [fixError, setFixError] = useState<FixError | null>(null);
  const [locating, setLocating] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<PunchResult | null>(null);
  const [clockOffset, setClockOffset] = useState(0);
  const [now, setNow] = useState(Date.now());
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      const s = await unwrap(apiClient.GET('/api/v1/me/clock'));
      setStatus(s);
      setClockOffset(s.serverNowMs - Date.now());
      setLoadError(null);
    } catch (err) {
      setLoadError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK_ERROR', String(err)));
    }
  }, []);

  const locate = useCallback(async () => {
    setLocating(true);
    setFixError(null);
    try {
      setFix(await currentFix());
    } catch (err) {
      setFixError(err as FixError);
    } finally {
      setLocating(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (status?.rules.enabled && status.rules.location === 'required') void locate();
  }, [status?.rules.enabled, status?.rules.location, locate]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const nearest = useMemo(() => {
    if (!fix || !status?.fences.length) return null;
    return status.fences.map((f) => ({ f, d: distanceM(fix, f) })).sort((a, b) => a.d - b.d - (a.f.radiusM - b.f.radiusM))[0];
  }, [fix, status?.fences]);
  const inside = !!nearest && nearest.d <= nearest.f.radiusM;
  const vague = !!fix && !!status && fix.accuracyM > status.rules.maxAccuracyM;

  if (loadError) {
    const text = loadError.status === 403 ? t('clock.notEmployee') : loadError.message;
    return <Result status="warning" title={t('clock.title')} subTitle={text} extra={<Button onClick={() => void load()}>{t('clock.retry')}</Button>} />;
  }
  if (!status) return <Spin className="daka-page-spin" />;
  const rules = status.rules;
  if (!rules.enabled) return <Result status="info" title={t('clock.title')} subTitle={t('clock.closed')} />;

  const needsReason = rules.location === 'required' && !!fix && !vague && !inside && rules.fieldWork;
  const blocked =
    busy ||
    (rules.location === 'required' && (!fix || vague || (!inside && !rules.fieldWork) || (needsReason && !reason.trim()))) ||
    (rules.photo === 'required' && !photo);
  const zoneNow = new Intl.DateTimeFormat('zh-CN', { timeZone: status.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now + clockOffset);
  const label = status.today.length === 0 ? t('clock.punchIn') : t('clock.punchOut');

  const punch = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await unwrap(
        apiClient.POST('/api/v1/me/clock', {
          body: {
            challenge: status.challenge,
            ...(fix && rules.location === 'required' ? { location: fix } : {}),
            ...(needsReason ? { fieldWorkReason: reason.trim() } : {}),
            ...(photo ? { photo } : {}),
            userAgent: navigator.userAgent,
          },
        }),
      );
      setDone(res);
      setPhoto(null);
      setReason('');
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK_ERROR', String(err)));
      // A used or stale challenge: fetch a fresh one so the next tap can succeed.
      await load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="daka-clock">
      <Card variant="borderless" className="daka-clock-card">
        <Space direction="vertical" size={4} style={{ width: '100%', textAlign: 'center' }}>
          <Typography.Text type="secondary">
            {status.employee.name} · {status.employee.jobNumber}
            {status.groupName ? ` · ${status.groupName}` : ''}
          </Typography.Text>
          <div className="daka-clock-time" aria-live="off">
            {zoneNow}
          </div>
          <Typography.Text type="secondary">{status.date}</Typography.Text>
        </Space>

        {rules.location === 'required' && (
          <div className="daka-clock-where">
            <EnvironmentOutlined />{' '}
            {locating ? (
              t('clock.locating')
            ) : fixError ? (
              <Typography.Text type="danger">{t(`clock.fix.${fixError}`)}</Typography.Text>
            ) : !fix ? null : vague ? (
              <Typography.Text type="warning">{t('clock.vague', { accuracy: Math.round(fix.accuracyM), limit: rules.maxAccuracyM })}</Typography.Text>
            ) : !nearest ? (
              <Typography.Text type="danger">{t('clock.noFence')}</Typography.Text>
            ) : inside ? (
              <Tag color="success">{t('clock.inside', { site: nearest.f.name, distance: Math.round(nearest.d) })}</Tag>
            ) : (
              <Tag color={rules.fieldWork ? 'warning' : 'error'}>{t('clock.outside', { site: nearest.f.name, distance: Math.round(nearest.d) })}</Tag>
            )}
            <Button type="link" size="small" icon={<ReloadOutlined />} onClick={() => void locate()} disabled={locating}>
              {t('clock.relocate')}
            </Button>
          </div>
        )}

        {needsReason && (
          <Input.TextArea
            className="daka-clock-reason"
            value={reason}
            maxLength={200}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('clock.reasonPlaceholder')}
            aria-label={t('clock.reason')}
            onChange={(e) => setReason(e.target.value)}
          />
        )}

        {rules.photo !== 'off' && (
          <div className="daka-clock-photo">
            <input
              ref={fileInput}
              type="file"
              accept="image/*"
              capture="user"
              hidden
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) setPhoto(await downscalePhoto(file));
                e.target.value = '';
              }}
            />
            {photo ? <img src={photo} alt={t('clock.photo')} className="daka-clock-thumb" /> : null}
            <Button icon={<CameraOutlined />} onClick={() => fileInput.current?.click()}>
              {photo ? t('clock.retake') : rules.photo === 'required' ? t('clock.takePhotoRequired') : t('clock.takePhoto')}
            </Button>
          </div>
        )}

        <div className="daka-clock-action">
          <button type="button" className="daka-clock-button" disabled={blocked} onClick={() => void punch()}>
            <span>{busy ? t('clock.sending') : label}</span>
            <small>{zoneNow.slice(0, 5)}</small>
          </button>
        </div>

        {error && <Alert type="error" showIcon message={t(`clock.errors.${error.code}`, { defaultValue: t('clock.errors.other') })} />}
        {done && (
          <Alert
            type="success"
            showIcon
            message={done.outcome === 'created' ? t('clock.done', { time: hhmmss(done.checkin.wallTime) }) : t('clock.already', { time: hhmmss(done.checkin.wallTime) })}
            description={done.fieldWorkReason ? t('clock.fieldWorkKept', { reason: done.fieldWorkReason }) : undefined}
          />
        )}
      </Card>

      <Card variant="borderless" title={t('clock.today')} className="daka-clock-card">
        <List
          dataSource={status.today}
          locale={{ emptyText: t('clock.noneToday') }}
          renderItem={(p) => (
            <List.Item>
              <Typography.Text strong>{hhmmss(p.wallTime)}</Typography.Text>
              <Tag>{t(`clock.source.${p.source}`, { defaultValue: p.source })}</Tag>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
