/* Every tick and value label of every Chart.js chart on the page as a box in the canvas' CSS
   pixels, laid out as Chart.js draws it (scale.getLabelItems(): position, alignment, baseline,
   the offset of a label's first line); a bar's value label as chartjs-plugin-datalabels places
   it at the end of the bar (offset 2, padding 4). Read by test_charts_and_plan.py. */
() => Object.values(Chart.instances).map((chart) => {
  const ctx = chart.ctx;
  const boxes = [];
  for (const scale of Object.values(chart.scales)) {
    for (const item of scale.getLabelItems()) {
      const lines = Array.isArray(item.label) ? item.label : [item.label];
      const o = item.options;
      ctx.save(); ctx.font = item.font.string;
      lines.forEach((line, i) => {
        const w = ctx.measureText(String(line)).width, lh = item.font.lineHeight;
        const x = o.translation[0], y = o.translation[1] + item.textOffset + i * lh;
        const left = o.textAlign === "right" || o.textAlign === "end" ? x - w : o.textAlign === "center" ? x - w / 2 : x;
        const top = o.textBaseline === "middle" ? y - lh / 2 : o.textBaseline === "bottom" ? y - lh : y;
        boxes.push({text: String(line), axis: scale.id, rotation: o.rotation, left, top, right: left + w, bottom: top + lh});
      });
      ctx.restore();
    }
  }
  if (chart.config.type === "bar") {
    ctx.save(); ctx.font = Chart.helpers.toFont(Chart.defaults.font).string;
    chart.data.datasets.forEach((dataset, d) => chart.getDatasetMeta(d).data.forEach((bar, i) => {
      const value = dataset.data[i];
      if (value === null || value === undefined) return;
      const text = chart.config.options.plugins.datalabels.formatter(value);
      const w = ctx.measureText(text).width;
      boxes.push({text, axis: "value", rotation: 0, left: bar.x + 2, top: bar.y - 8, right: bar.x + 2 + w + 8, bottom: bar.y + 8});
    }));
    ctx.restore();
  }
  return {id: chart.canvas.dataset.chart || chart.canvas.getAttribute("aria-label"),
          width: chart.width, height: chart.height, boxes};
})
