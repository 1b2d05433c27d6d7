// The optional map above a location question's coordinates (submission/location-map.tsx renders its hidden markup).
// Loaded by app.js only on a page that has one. The map only fills in the coordinate inputs, which stay the way to
// answer for anyone without a pointer or without JavaScript: it is kept out of the tab order (its zoom buttons and
// attribution link stay reachable, and Tab moves on past them).

const ROMANIA = { minLat: 43.5, maxLat: 48.3, minLng: 20.2, maxLng: 29.8 };

function loadLeaflet() {
  if (window.L) return Promise.resolve(window.L);
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/assets/leaflet.css';
  document.head.append(css);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/assets/leaflet.js';
    script.onload = () => resolve(window.L);
    script.onerror = reject;
    document.head.append(script);
  });
}

const parse = (value) => {
  const v = value.trim().replace(',', '.');
  return v === '' ? Number.NaN : Number(v);
};
const inRomania = (lat, lng) => lat >= ROMANIA.minLat && lat <= ROMANIA.maxLat && lng >= ROMANIA.minLng && lng <= ROMANIA.maxLng;

function setUp(L, box) {
  const name = box.dataset.pdMap;
  const lat = document.getElementById(`${name}-lat`);
  const lng = document.getElementById(`${name}-lng`);
  const canvas = box.querySelector('.pd-map__canvas');
  const status = box.querySelector('.pd-map__status');
  const locate = box.querySelector('.pd-map__locate');
  if (!lat || !lng || !canvas) return;
  box.hidden = false;
  // MAP_CENTER: the city hall's area, where the map opens before anything is chosen.
  const [centerLat, centerLng, centerZoom] = (box.dataset.center ?? '45.94,24.97,6').split(',').map(Number);

  // No scroll-wheel zoom and, on a touch screen, no one-finger panning: a page scrolled over the map keeps scrolling
  // (the zoom buttons and two fingers still move the map).
  const map = L.map(canvas, { keyboard: false, scrollWheelZoom: false, dragging: !L.Browser.mobile, attributionControl: false, zoomControl: false }).setView([centerLat, centerLng], centerZoom);
  // Leaflet's own buttons say "Zoom in" in English: in the page's language instead.
  L.control.zoom({ zoomInTitle: box.dataset.zoomIn, zoomOutTitle: box.dataset.zoomOut }).addTo(map);
  const attribution = L.control.attribution({ prefix: false }).addTo(map);
  const credit = document.createElement(box.dataset.attributionUrl ? 'a' : 'span');
  credit.textContent = box.dataset.attribution ?? '';
  if (box.dataset.attributionUrl) credit.href = box.dataset.attributionUrl;
  attribution.addAttribution(credit.outerHTML);
  // A tile that does not load (no network, the server refuses) leaves the grey background, nothing broken.
  L.tileLayer(box.dataset.tileUrl, { maxZoom: 19, errorTileUrl: 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7' }).addTo(map);
  canvas.removeAttribute('tabindex');

  const icon = L.icon({
    iconUrl: '/assets/leaflet-marker-icon.png',
    iconRetinaUrl: '/assets/leaflet-marker-icon-2x.png',
    shadowUrl: '/assets/leaflet-marker-shadow.png',
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    shadowSize: [41, 41],
  });
  let pin = null;
  const decimal = box.dataset.decimal ?? '.';
  const show = (latlng, zoom) => {
    if (!pin) {
      pin = L.marker(latlng, { icon, alt: box.dataset.pinAlt ?? '', keyboard: false, draggable: true }).addTo(map);
      // A click on the pin itself is a click on that place (after the coordinates were cleared, say).
      pin.on('dragend click', () => fill(pin.getLatLng(), box.dataset.placed));
    } else pin.setLatLng(latlng);
    // Not animated: typing a coordinate digit by digit moves it again before an animation would end.
    if (zoom) map.setView(latlng, Math.max(map.getZoom(), zoom), { animate: false });
  };
  const fill = (latlng, message) => {
    lat.value = latlng.lat.toFixed(5).replace('.', decimal);
    lng.value = latlng.lng.toFixed(5).replace('.', decimal);
    if (status && message) status.textContent = message;
  };
  const fromInputs = (zoom) => {
    const la = parse(lat.value);
    const ln = parse(lng.value);
    if (Number.isFinite(la) && Number.isFinite(ln) && inRomania(la, ln)) show([la, ln], zoom);
  };

  map.on('click', (event) => {
    show(event.latlng);
    fill(event.latlng, box.dataset.placed);
  });
  lat.addEventListener('input', () => fromInputs(15));
  lng.addEventListener('input', () => fromInputs(15));
  fromInputs(16);

  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener('click', () => {
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const latlng = L.latLng(position.coords.latitude, position.coords.longitude);
          show(latlng, 17);
          fill(latlng, box.dataset.located);
        },
        () => {
          if (status) status.textContent = box.dataset.locateFailed ?? '';
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      );
    });
  }
}

const boxes = document.querySelectorAll('[data-pd-map]');
if (boxes.length) {
  loadLeaflet().then(
    (L) => {
      for (const box of boxes) setUp(L, box);
    },
    () => {}, // without Leaflet the page stays as it is without JavaScript: coordinates typed by hand
  );
}
