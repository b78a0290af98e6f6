// The overview's chart: the report's ECharts option (JSON in the page, the same object the chat's
// picture is drawn from) drawn by the ECharts file this dashboard serves. No data is fetched.
(() => {
  const box = document.getElementById('report-chart');
  const source = document.getElementById('report-chart-option');
  if (!box || !source || typeof echarts === 'undefined') return;
  const option = JSON.parse(source.textContent);
  // Money as plain numbers (1000, not 1,000), as in the chat's picture.
  option.yAxis[0].axisLabel = { formatter: (value) => String(value) };
  const chart = echarts.init(box, null, { renderer: 'svg' });
  chart.setOption(option);
  // Below this width the legend (centred, one or two rows) spans the chart, where the axis titles
  // stand at its top corners: the upper grid then starts lower, its bottom where it was, so the
  // titles clear the legend and the day labels still clear the pyramid's title below.
  const NARROW = 560;
  const wide = option.grid.map((g) => ({ top: g.top, height: g.height }));
  const shift = 36;
  let narrow;
  const place = () => {
    const now = box.clientWidth < NARROW;
    if (now === narrow) return;
    narrow = now;
    chart.setOption({
      grid: wide.map((g, i) => (i === 0 && now ? { top: g.top + shift, height: g.height - shift } : g)),
    });
  };
  place();
  window.addEventListener('resize', () => {
    chart.resize();
    place();
  });
})();
