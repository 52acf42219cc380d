// Draws each dashboard chart from the JSON the page carries (labels and values), with ECharts.
(function () {
  const charts = JSON.parse(document.getElementById("chart-data").textContent);
  for (const chart of charts) {
    const element = document.getElementById("chart-" + chart.key);
    if (!element || !window.echarts) continue;
    const instance = echarts.init(element);
    const pairs = chart.labels.map((name, i) => ({ name: name, value: chart.values[i] }));
    let option;
    if (chart.kind === "pie" || chart.kind === "funnel") {
      option = { tooltip: { trigger: "item" }, series: [{ type: chart.kind, data: pairs, radius: chart.kind === "pie" ? "65%" : undefined }] };
    } else {
      option = {
        tooltip: { trigger: "axis" }, grid: { left: 40, right: 16, top: 16, bottom: 60 },
        xAxis: { type: "category", data: chart.labels, axisLabel: { rotate: chart.kind === "bar" ? 30 : 0 } },
        yAxis: { type: "value", minInterval: 1 }, series: [{ type: chart.kind, data: chart.values }],
      };
    }
    instance.setOption(option);
    window.addEventListener("resize", () => instance.resize());
  }
})();
