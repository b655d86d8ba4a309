// Tessera live dashboard: plain JavaScript, no dependencies, everything from this server.
(function () {
  'use strict';

  var MAX_ROWS = 50;
  var MAX_THUMBNAILS = 12;
  var seen = new Set();          // camera#seq of verdicts already in the feed
  var seenOrder = [];
  var drawnThumbnails = new Set();
  var state = { verdictsShown: 0, thumbnailsDrawn: 0, gatesShown: 0, connected: false };
  window.tessera = state;        // read by the browser test and handy in the console

  function $(id) { return document.getElementById(id); }

  function cell(row, text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }

  function pct(x) { return (x * 100).toFixed(1) + ' %'; }
  function ms(x) { return x === null || x === undefined ? '-' : Math.round(x) + ' ms'; }
  function time(iso) {
    if (!iso) { return '-'; }
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
  }

  function setConnection(s, label) {
    var el = $('connection');
    el.dataset.state = s;
    el.textContent = label;
    state.connected = s === 'live';
  }

  function showModel(m) {
    if (!m) { return; }
    $('model-name').textContent = m.name;
    $('model-version').textContent = m.version;
    // a taught threshold is one camera's: say so, or it reads as the model's for every camera
    var source = m.thresholdSource === 'teach-in' ? ' (taught for ' + m.cameraId + ')'
      : m.thresholdSource === 'override' ? ' (model.threshold)' : '';
    $('model-threshold').textContent = Number(m.threshold).toFixed(3) + source;
    // only a dashboard inside the inspection app knows the precision (chosen by the self-check)
    $('model-precision').textContent = m.precision || 'not known here';
    $('model-precision-reason').textContent = m.precisionReason ? 'Why: ' + m.precisionReason : '';
  }

  function addVerdict(v) {
    var key = v.cameraId + '#' + v.sequence;
    if (seen.has(key)) { return; }
    seen.add(key);
    seenOrder.push(key);
    if (seenOrder.length > 4 * MAX_ROWS) { seen.delete(seenOrder.shift()); }

    var tbody = $('verdicts').tBodies[0];
    var row = document.createElement('tr');
    row.className = 'verdict ' + v.decision;
    row.dataset.camera = v.cameraId;
    row.dataset.sequence = v.sequence;
    cell(row, time(v.decidedAt));
    cell(row, v.lineId);
    cell(row, v.cameraId);
    cell(row, String(v.sequence));
    cell(row, v.partId || '-');
    var d = cell(row, '');
    var badge = document.createElement('span');
    badge.className = 'badge ' + v.decision;
    badge.textContent = v.decision + (v.reason ? ' (' + v.reason + ')' : '');
    d.appendChild(badge);
    cell(row, Number(v.defectScore).toFixed(3));
    cell(row, (v.defectTiles ? v.defectTiles.length : 0) + '/' + v.tileCount);
    cell(row, ms(v.latency ? v.latency.totalMs : null));
    cell(row, v.groundTruth || '-');
    tbody.insertBefore(row, tbody.firstChild);
    while (tbody.rows.length > MAX_ROWS) { tbody.deleteRow(tbody.rows.length - 1); }
    state.verdictsShown++;
  }

  function statsRow(tbody, cls, name, s) {
    var row = document.createElement('tr');
    row.className = cls;
    cell(row, name);
    cell(row, s.framesPerSecond.toFixed(2));
    cell(row, pct(s.defectRate));
    cell(row, pct(s.unknownRate));
    cell(row, ms(s.latencyP95Ms));
    cell(row, s.lag === null || s.lag === undefined ? '-' : String(s.lag));
    cell(row, String(s.verdicts));
    cell(row, s.lastSequence === undefined ? '' : String(s.lastSequence));
    tbody.appendChild(row);
  }

  function showStats(st) {
    if (!st) { return; }
    var tbody = $('lines').tBodies[0];
    tbody.textContent = '';
    var byCamera = {};
    st.cameras.forEach(function (c) { byCamera[c.cameraId] = c; });
    st.lines.forEach(function (l) {
      statsRow(tbody, 'line', 'Line ' + l.lineId, l);
      l.cameras.forEach(function (id) {
        if (byCamera[id]) { statsRow(tbody, 'camera', id, byCamera[id]); }
      });
    });
    $('lines-empty').hidden = st.lines.length > 0;
    $('window-note').textContent = '(last ' + Math.round(st.windowMillis / 1000) + ' s)';
  }

  function agoText(epochMillis) {
    if (epochMillis === null || epochMillis === undefined) { return 'none yet'; }
    var s = Math.max(0, (Date.now() - epochMillis) / 1000);
    return (s < 10 ? s.toFixed(1) : String(Math.round(s))) + ' s ago';
  }

  function showGates(gates) {
    if (!gates) { return; }
    var tbody = $('gates').tBodies[0];
    tbody.textContent = '';
    gates.forEach(function (g) {
      var row = document.createElement('tr');
      row.dataset.line = g.line;
      cell(row, g.line);
      cell(row, String(g.written));
      cell(row, String(g.withheld));
      cell(row, String(g.acknowledged));
      cell(row, String(g.late), g.late > 0 ? 'warn' : null);
      cell(row, String(g.unacknowledged), g.unacknowledged > 0 ? 'warn' : null);
      cell(row, agoText(g.lastAcknowledgedAt));
      cell(row, g.status.length ? g.status.join(', ') : 'ok', g.status.length ? 'warn' : null);
      var plc = g.plc;
      [plc && plc.passed, plc && plc.rejected, plc && plc.failSafeRejects, plc && plc.wrongRejects, plc && plc.escapes]
        .forEach(function (v) { cell(row, plc ? String(v) : '-'); });
      tbody.appendChild(row);
    });
    $('gates-panel').hidden = gates.length === 0;
    state.gatesShown = gates.length;
  }

  function showShadow(sh) {
    $('shadow-panel').hidden = !sh;
    if (!sh) { return; }
    state.shadowVersion = sh.version;
    $('shadow-model').textContent = '(' + sh.model + ' ' + sh.version + ', threshold ' + sh.threshold.toFixed(3) + ')';
    $('shadow-agreement').textContent = sh.agreementRate === null || sh.agreementRate === undefined ? '-' : pct(sh.agreementRate);
    $('shadow-scored').textContent = String(sh.scored);
    $('shadow-skipped').textContent = sh.skippedBusy + ' / ' + sh.skippedTiling;
    $('shadow-decisions').textContent = Object.keys(sh.decisions).sort().map(function (k) {
      return k.replace('->', ' \u2192 ') + ': ' + sh.decisions[k];
    }).join(', ') || '-';
    var tbody = $('shadow-disagreements').tBodies[0];
    tbody.textContent = '';
    sh.disagreements.forEach(function (d) {
      var row = document.createElement('tr');
      cell(row, time(new Date(d.decidedAtMillis).toISOString()));
      cell(row, d.lineId);
      cell(row, d.cameraId);
      cell(row, String(d.sequence));
      cell(row, d.liveDecision, 'badge ' + d.liveDecision);
      cell(row, d.liveScore.toFixed(3));
      cell(row, d.shadowDecision, 'badge ' + d.shadowDecision);
      cell(row, d.shadowScore.toFixed(3));
      tbody.appendChild(row);
    });
    state.shadowShown = true;
  }

  function drawThumbnail(t) {
    if (drawnThumbnails.has(t.id)) { return; }
    drawnThumbnails.add(t.id);
    var box = $('thumbnails');
    var figure = document.createElement('figure');
    figure.className = 'thumbnail';
    figure.dataset.id = t.id;
    var canvas = document.createElement('canvas');
    canvas.width = t.width;
    canvas.height = t.height;
    figure.appendChild(canvas);
    var caption = document.createElement('figcaption');
    var byShadow = state.shadowVersion && t.modelVersion === state.shadowVersion;
    if (byShadow) { figure.dataset.source = 'shadow'; }
    caption.textContent = (byShadow ? 'shadow only: ' : '') + t.lineId + ' / ' + t.cameraId + ' #' + t.sequence + '  score ' +
      Number(t.defectScore).toFixed(3) + '  ' + time(t.captureTime);
    figure.appendChild(caption);
    box.insertBefore(figure, box.firstChild);
    while (box.children.length > MAX_THUMBNAILS) { box.removeChild(box.lastChild); }
    $('thumbnails-empty').hidden = true;

    var img = new Image();
    img.onload = function () {
      var g = canvas.getContext('2d');
      g.drawImage(img, 0, 0, t.width, t.height);
      // Tiles are in frame pixels; the thumbnail is the frame scaled to t.width.
      var sx = t.width / t.frameWidth, sy = t.height / t.frameHeight;
      g.lineWidth = 2;
      g.strokeStyle = '#ff2020';
      t.tiles.forEach(function (tile) {
        g.strokeRect(tile.x * sx + 1, tile.y * sy + 1, Math.max(2, tile.width * sx - 2), Math.max(2, tile.height * sy - 2));
      });
      canvas.dataset.drawn = 'true';
      state.thumbnailsDrawn++;
    };
    img.onerror = function () { caption.textContent += ' (image no longer kept)'; };
    img.src = '/api/thumbnails/' + encodeURIComponent(t.id) + '.jpg';
  }

  function on(source, name, fn) {
    source.addEventListener(name, function (e) {
      try { fn(JSON.parse(e.data)); } catch (err) { console.error('bad ' + name + ' event', err); }
    });
  }

  function showSnapshot(s) {
    $('verdicts-topic').textContent = s.verdictsTopic;
    showModel(s.model);
    showStats(s.stats);
    showGates(s.gates);
    showShadow(s.shadow);
    s.verdicts.forEach(addVerdict);
    s.thumbnails.forEach(drawThumbnail);
  }

  // '?snapshot' draws the current state once and stays still: for reports and for headless
  // screenshots (chromium --screenshot --virtual-time-budget never ends while a stream is open).
  function snapshotOnce() {
    fetch('/api/state').then(function (r) { return r.json(); }).then(function (s) {
      showSnapshot(s);
      setConnection('snapshot', 'snapshot ' + new Date(s.stats.at).toLocaleTimeString([], { hour12: false }));
    }).catch(function () { setConnection('lost', 'no data'); });
  }

  function connect() {
    var source = new EventSource('/events');
    on(source, 'snapshot', function (s) {
      setConnection('live', 'live');
      showSnapshot(s);
    });
    on(source, 'verdict', addVerdict);
    on(source, 'stats', showStats);
    on(source, 'gates', showGates);
    on(source, 'shadow', showShadow);
    on(source, 'model', showModel);
    on(source, 'thumbnail', drawThumbnail);
    source.onerror = function () { setConnection('lost', 'reconnecting'); };
  }

  if (new URLSearchParams(window.location.search).has('snapshot')) {
    snapshotOnce();
  } else {
    connect();
  }
}());
