/* Kumppani's charts: Chart.js (served by the app) drawing data the page carries in
   <script type="application/json"> blocks. Every series is labelled on the chart itself and
   drawn with its own dash and point shape, so no chart relies on colour alone; the same
   numbers are in the table below each chart. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  Chart.register(ChartDataLabels);
  var palette = ["#0b5563", "#8a5a00", "#146c43", "#6f42c1", "#b02a37", "#0a58ca", "#495057", "#a52882"];
  var dashes = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 2], [3, 6]];
  var points = ["circle", "triangle", "rect", "rectRot", "star", "crossRot", "rectRounded", "cross"];

  function bars(canvas, data) {
    return new Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ data: data.values, backgroundColor: palette[0] }] },
      options: {
        indexAxis: "y",
        animation: false,
        layout: { padding: { right: data.limit ? 40 : 0 } },  // room for the label of a full bar
        plugins: {
          legend: { display: false },
          datalabels: { anchor: "end", align: "end", color: "#212529", formatter: function (v) { return v === null ? "" : v + (data.suffix || ""); } }
        },
        // A scale with an end of its own (a rating's 5) stops there: `limit`.
        scales: { x: data.limit ? { beginAtZero: true, max: data.limit } : { beginAtZero: true, suggestedMax: data.max || undefined, grace: "15%" } }
      }
    });
  }

  function lines(canvas, data) {
    var datasets = data.series.map(function (series, i) {
      return {
        label: series.name,
        data: series.values,
        borderColor: palette[i % palette.length],
        backgroundColor: palette[i % palette.length],
        borderDash: dashes[i % dashes.length],
        pointStyle: points[i % points.length],
        pointRadius: 4,
        datalabels: {
          // The series' name at its last point: a direct label.
          display: function (ctx) { return ctx.dataIndex === ctx.dataset.data.length - 1; },
          align: "right", anchor: "end", color: palette[i % palette.length],
          formatter: function () { return series.name; }
        }
      };
    });
    return new Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        layout: { padding: { right: 150 } },
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true } }
      }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    (data.kind === "lines" ? lines : bars)(canvas, data);
  });
})();
