/* Kumppani's charts: Chart.js (served by the app) drawing data the page carries in
   <script type="application/json"> blocks; the same numbers are in the table beside each chart.

   - Bars: long labels wrap into lines that fit the width the axis may take (a phone's too),
     a scale with an end of its own (a rating's 5, a share's 100 %) stops there, and each bar
     carries its value. Several series (this year and last) are told apart by a fill pattern
     as well as colour, with a legend in the page.
   - Lines: one small chart per series (small multiples) on one shared scale, each titled in
     the page, instead of many overlapping lines. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  Chart.register(ChartDataLabels);
  var palette = ["#0b5563", "#8a5a00", "#146c43", "#6f42c1", "#b02a37", "#0a58ca", "#495057", "#a52882"];
  // The share of the chart's width the label axis of a bar chart may take.
  var LABEL_SHARE = 0.45;

  function tickFont() {
    return Chart.helpers.toFont(Chart.defaults.font);
  }

  function measurer() {
    var context = document.createElement("canvas").getContext("2d");
    context.font = tickFont().string;
    return function (text) { return context.measureText(text).width; };
  }

  /* `text` as lines no wider than `width` pixels, broken between words; a word wider than
     that on its own is broken with a hyphen. */
  function wrap(text, width) {
    var measure = measurer();
    var lines = [];
    var line = "";
    String(text).split(/\s+/).forEach(function (word) {
      while (measure(word) > width && word.length > 1) {
        var cut = word.length - 1;
        while (cut > 1 && measure(word.slice(0, cut) + "-") > width) cut -= 1;
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, cut) + "-");
        word = word.slice(cut);
      }
      var candidate = line ? line + " " + word : word;
      if (line && measure(candidate) > width) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    });
    if (line) lines.push(line);
    return lines;
  }

  function stripes(colour) {
    // Diagonal stripes: a series that differs by more than its colour.
    var tile = document.createElement("canvas");
    tile.width = tile.height = 8;
    var context = tile.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, 8, 8);
    context.strokeStyle = colour;
    context.lineWidth = 2;
    context.beginPath();
    context.moveTo(0, 8); context.lineTo(8, 0);
    context.moveTo(-2, 2); context.lineTo(2, -2);
    context.moveTo(6, 10); context.lineTo(10, 6);
    context.stroke();
    return context.createPattern(tile, "repeat");
  }

  function format(value, suffix) {
    if (value === null || value === undefined) return "";
    var text = typeof value === "number" ? value.toLocaleString(document.documentElement.lang || undefined) : value;
    return text + (suffix || "");
  }

  /* The series' names with their colour and fill in the page, before the chart. */
  function legend(canvas, series) {
    var list = document.createElement("ul");
    list.className = "chart-legend";
    series.forEach(function (s, i) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      var colour = palette[i % palette.length];
      swatch.className = "chart-swatch";
      swatch.setAttribute("aria-hidden", "true");
      swatch.style.borderColor = colour;
      swatch.style.background = s.pattern === "stripes"
        ? "repeating-linear-gradient(135deg, " + colour + " 0 2px, #fff 2px 5px)" : colour;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s.name));
      list.appendChild(item);
    });
    canvas.parentElement.parentElement.insertBefore(list, canvas.parentElement);
  }

  function bars(canvas, data) {
    var series = data.series || [{ values: data.values }];
    var measure = measurer();
    var widest = 0;
    series.forEach(function (s) {
      s.values.forEach(function (v) { widest = Math.max(widest, measure(format(v, data.suffix))); });
    });
    // Chart.js gives a vertical axis at most half the width left after the padding; the
    // labels wrap to fit inside that (less the ticks' own padding), or a share of the width.
    var width = canvas.parentElement.clientWidth;
    var labelWidth = Math.max(60, Math.min(width * LABEL_SHARE, (width - widest - 12) / 2 - 16));
    var labels = data.labels.map(function (label) { return wrap(label, labelWidth); });
    // Chart.js gives every row the same height: that of the label with most lines, or what
    // the bars need; the canvas fills its box, and the x axis takes about 40 px under it.
    var lineHeight = tickFont().lineHeight;
    var row = labels.reduce(function (tallest, lines) {
      return Math.max(tallest, lines.length * lineHeight + 8, series.length * 14 + 10);
    }, 0);
    canvas.parentElement.style.height = Math.ceil(labels.length * row + 40) + "px";
    if (series.length > 1) legend(canvas, series);
    var datasets = series.map(function (s, i) {
      var colour = palette[i % palette.length];
      return {
        label: s.name || "",
        data: s.values,
        backgroundColor: s.pattern === "stripes" ? stripes(colour) : colour,
        borderColor: colour,
        borderWidth: s.pattern === "stripes" ? 1 : 0
      };
    });
    return new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        // Room after the longest bar for its value.
        layout: { padding: { right: widest + 12 } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: function (items) { return data.labels[items[0].dataIndex]; } } },
          datalabels: {
            anchor: "end", align: "end", offset: 2, clamp: true, color: "#212529",
            formatter: function (v) { return format(v, data.suffix); }
          }
        },
        scales: {
          x: data.limit
            ? { beginAtZero: true, max: data.limit, ticks: { callback: function (v) { return format(v, data.suffix); } } }
            : { beginAtZero: true, suggestedMax: data.max || undefined, grace: "10%", ticks: { precision: 0 } },
          y: { ticks: { autoSkip: false } }
        }
      }
    });
  }

  function small(canvas, data, series, colour, max) {
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [{ label: series.name, data: series.values, borderColor: colour, backgroundColor: colour, pointRadius: 3 }]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, datalabels: { display: false } },
        scales: {
          // One scale for every small chart, so that their heights compare.
          y: { beginAtZero: true, max: max, ticks: { precision: 0, maxTicksLimit: 4 } },
          x: { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 } }
        }
      }
    });
  }

  function multiples(container, data) {
    var max = 1;
    data.series.forEach(function (s) { s.values.forEach(function (v) { max = Math.max(max, v); }); });
    max = Math.ceil(max * 1.1);
    data.series.forEach(function (series, i) {
      var figure = document.createElement("figure");
      figure.className = "chart-multiple";
      var caption = document.createElement("figcaption");
      caption.textContent = series.name;
      var box = document.createElement("div");
      box.className = "chart-multiple-plot";
      var canvas = document.createElement("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", (container.dataset.label || "") + ": " + series.name);
      box.appendChild(canvas);
      figure.appendChild(caption);
      figure.appendChild(box);
      container.appendChild(figure);
      small(canvas, data, series, palette[i % palette.length], max);
    });
  }

  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var source = document.getElementById(element.dataset.chart);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    if (data.kind === "lines") {
      multiples(element, data);
    } else {
      bars(element, data);
    }
  });
})();
