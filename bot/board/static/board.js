/* Draws every [data-chart] with ECharts (served from /board/static/vendor — no CDN). The data attribute holds
   {kind, labels, series: {name: [values]}, unit: money|count|ratio, currency, links?}; a bar or slice with a
   link opens the clients behind it. */
(function () {
  "use strict";
  var FONTS = window.getComputedStyle(document.body).fontFamily;
  function fmt(unit, currency) {
    return function (v) {
      if (v === null || v === undefined || isNaN(v)) { return "—"; }
      if (unit === "ratio") { return (v * 100).toFixed(1) + "%"; }
      if (unit === "money") {
        return currency + Number(v).toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
      }
      return Number(v).toLocaleString("en-US");
    };
  }
  function axisFmt(unit, currency) {
    return function (v) {
      if (unit === "ratio") { return Math.round(v * 100) + "%"; }
      if (unit === "money") {
        if (Math.abs(v) >= 10000) { return currency + (v / 10000).toLocaleString("en-US") + "万"; }
        return currency + Number(v).toLocaleString("en-US");
      }
      return Number(v).toLocaleString("en-US");
    };
  }
  function short(label) {  // "代理记账 · 纳税申报" → "纳税申报": the stage says more than the service
    var parts = label.split(" · ");
    var text = label.length > 8 && parts.length > 1 ? parts[parts.length - 1] : label;
    return text.length > 8 ? text.slice(0, 8) + "…" : text;
  }
  function textWidth(label) {  // pixels at the axis's 12px: a Chinese character is about 12, a Latin one about 7
    var w = 0;
    for (var i = 0; i < label.length; i++) { w += label.charCodeAt(i) > 0x2e80 ? 12.5 : 7; }
    return w;
  }
  function option(d) {
    var names = Object.keys(d.series || {});
    var f = fmt(d.unit, d.currency || "¥"), af = axisFmt(d.unit, d.currency || "¥");
    var base = {animation: false, textStyle: {fontFamily: FONTS}, tooltip: {trigger: d.kind === "pie" ? "item" : "axis", valueFormatter: f,
      confine: true, renderMode: "richText"}, color: ["#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#7c3aed", "#0891b2"]};
    if (d.kind === "pie") {
      base.legend = {bottom: 0, type: "scroll"};
      base.series = [{type: "pie", radius: ["35%", "62%"], center: ["50%", "45%"], label: {formatter: "{d}%"},
        data: d.labels.map(function (l, i) { return {name: l, value: d.series[names[0]][i]}; })}];
      return base;
    }
    var horizontal = d.kind === "barh";
    var cat = {type: "category", data: d.labels, axisLabel: {formatter: short, hideOverlap: true},
      inverse: horizontal};
    var val = {type: "value", axisLabel: {formatter: af, hideOverlap: true}};
    var widest = horizontal ? Math.max.apply(null, d.labels.map(function (l) { return textWidth(short(l)); })) : 0;
    base.grid = {left: horizontal ? widest + 14 : 56, right: 20, top: names.length > 1 ? 30 : 12, bottom: 28,
      containLabel: false};
    base.xAxis = horizontal ? val : cat;
    base.yAxis = horizontal ? cat : val;
    if (names.length > 1) { base.legend = {top: 0}; }
    base.series = names.map(function (n) {
      return {name: n, type: d.kind === "line" ? "line" : "bar", data: d.series[n], barMaxWidth: 28,
        cursor: d.links ? "pointer" : "default"};
    });
    return base;
  }
  function draw(el) {
    var d;
    try { d = JSON.parse(el.getAttribute("data-chart")); } catch (e) { return; }
    if (!d || !d.labels || !window.echarts) { return; }
    if (d.kind === "barh") { el.style.height = Math.max(220, 34 * d.labels.length + 40) + "px"; }
    var chart = window.echarts.init(el, null, {renderer: "canvas"});
    chart.setOption(option(d));
    if (d.links) {
      chart.on("click", function (p) { var url = d.links[p.dataIndex]; if (url) { window.location.href = url; } });
    }
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function drawAll() { document.querySelectorAll("[data-chart]").forEach(draw); }
  // Canvas text needs its font loaded first: the page's CJK fallback font (fetched only where the device has
  // no Chinese font of its own) may still be downloading when the script runs.
  window.addEventListener("load", function () {
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(drawAll, drawAll); } else { drawAll(); }
  });
}());
