// Draws each dashboard chart from the JSON the page carries (labels and values), with ECharts.
(function () {
  const charts = JSON.parse(document.getElementById("chart-data").textContent);
  for (const chart of charts) {
    const element = document.getElementById("chart-" + chart.key);
    if (!element || !window.echarts) continue;
    if (!chart.values.length || chart.values.every((v) => !Number(v))) {
      // An empty chart says so instead of drawing empty axes.
      element.style.height = "auto";
      element.innerHTML = '<p class="text-muted small mb-2" data-testid="chart-empty"></p>';
      element.firstChild.textContent = element.dataset.empty;
      continue;
    }
    const instance = echarts.init(element);
    const pairs = chart.labels.map((name, i) => ({ name: name, value: chart.values[i] }));
    let option;
    if (chart.kind === "pie") {
      option = { tooltip: { trigger: "item" }, series: [{ type: "pie", data: pairs, radius: "65%" }] };
    } else if (chart.kind === "funnel" || chart.kind === "bar") {
      // Stages and agency names read along horizontal bars, each name whole (the grid makes room for it).
      option = {
        tooltip: { trigger: "axis" }, grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        yAxis: { type: "category", data: chart.labels, inverse: true, axisLabel: { interval: 0 } },
        xAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: chart.values, label: { show: true, position: "right" } }],
      };
    } else {
      option = {
        tooltip: { trigger: "axis" }, grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: chart.labels },
        yAxis: { type: "value", minInterval: 1 }, series: [{ type: chart.kind, data: chart.values }],
      };
    }
    instance.setOption(option);
    window.addEventListener("resize", () => instance.resize());
  }
})();
