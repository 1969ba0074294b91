/** Browser-side helpers of the clock-in page: the position fix and a downscaled camera photo. */

export interface Fix {
  lat: number;
  lng: number;
  accuracyM: number;
}

export type FixError = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export function currentFix(): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject('unsupported' satisfies FixError);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: p.coords.accuracy }),
      (e) => reject((e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable') satisfies FixError),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 0 },
    );
  });
}

/** The server's own distance (pure code shared with the web), so the page and the verdict agree. */
export { distanceM } from '../../../../src/modules/web-punch/geofence';

/** A phone photo is several MB; 720 px on the long side as JPEG keeps a face recognisable at ~60 KB. */
export async function downscalePhoto(file: File, maxSide = 720): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvas.toDataURL('image/jpeg', 0.72);
}
