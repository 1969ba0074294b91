/**
 * Where a browser's position fix stands against the company's geofences. Pure: the fix, the
 * fences and the group's accuracy limit in, a verdict out.
 */

export interface Fence {
  siteId: number;
  name: string;
  lat: number;
  lng: number;
  radiusM: number;
}

export interface Fix {
  lat: number;
  lng: number;
  /** The browser's 95% confidence radius (GeolocationCoordinates.accuracy), metres. */
  accuracyM: number;
}

export type FenceVerdict =
  | { kind: 'inside'; siteId: number; siteName: string; distanceM: number }
  | { kind: 'outside'; siteId: number | null; siteName: string | null; distanceM: number | null }
  /** The fix is too vague to tell (indoors, a desktop browser guessing from the IP address). */
  | { kind: 'inaccurate'; accuracyM: number; limitM: number };

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine), metres: plenty precise at geofence scale. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Inside when the fix's centre lies within a fence's radius (as the platforms judge 考勤范围).
 * A fix less accurate than the limit is judged neither inside nor outside.
 */
export function judgeFix(fences: Fence[], fix: Fix, maxAccuracyM: number): FenceVerdict {
  if (fix.accuracyM > maxAccuracyM) return { kind: 'inaccurate', accuracyM: Math.round(fix.accuracyM), limitM: maxAccuracyM };
  let nearest: { fence: Fence; d: number } | null = null;
  for (const f of fences) {
    const d = distanceM(fix, f);
    if (d <= f.radiusM) return { kind: 'inside', siteId: f.siteId, siteName: f.name, distanceM: Math.round(d) };
    if (!nearest || d - f.radiusM < nearest.d - nearest.fence.radiusM) nearest = { fence: f, d };
  }
  return { kind: 'outside', siteId: nearest?.fence.siteId ?? null, siteName: nearest?.fence.name ?? null, distanceM: nearest ? Math.round(nearest.d) : null };
}
