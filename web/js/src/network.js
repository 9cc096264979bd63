// Lays the partnership network out by force (d3-force) instead of the
// server's two columns: organisations that share partners draw together,
// and nodes can be dragged (pointer) to untangle the picture. The server's
// SVG keeps its links, titles and labels; only positions change.
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide } from 'd3-force';

const TICKS = 300;

export function enhanceNetwork(svg) {
  const anchors = [...svg.querySelectorAll('a.node')];
  const lines = [...svg.querySelectorAll('line')];
  if (anchors.length < 3) return;
  const box = svg.viewBox.baseVal;
  const nodes = anchors.map((a) => {
    const circle = a.querySelector('circle');
    return { a, circle, text: a.querySelector('text'), x: Number(circle.getAttribute('cx')),
             y: Number(circle.getAttribute('cy')), r: Number(circle.getAttribute('r')) };
  });
  const at = new Map(nodes.map((n) => [`${n.x},${n.y}`, n]));
  const links = [];
  for (const line of lines) {
    const source = at.get(`${line.getAttribute('x1')},${line.getAttribute('y1')}`);
    const target = at.get(`${line.getAttribute('x2')},${line.getAttribute('y2')}`);
    if (source && target) links.push({ source, target, line });
  }
  if (links.length !== lines.length) return;

  const simulation = forceSimulation(nodes)
    .force('link', forceLink(links).distance(70))
    .force('charge', forceManyBody().strength(-160))
    .force('center', forceCenter(box.x + box.width / 2, box.y + box.height / 2))
    .force('collide', forceCollide((n) => n.r + 6))
    .stop();
  for (let i = 0; i < TICKS; i++) simulation.tick();

  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  const draw = () => {
    for (const n of nodes) {
      n.x = clamp(n.x, box.x + 20, box.x + box.width - 20);
      n.y = clamp(n.y, box.y + 24, box.y + box.height - 10);
      n.circle.setAttribute('cx', n.x.toFixed(1));
      n.circle.setAttribute('cy', n.y.toFixed(1));
      // Labels on the outer side of the node.
      const left = n.x < box.x + box.width / 2;
      n.text.setAttribute('x', (n.x + (left ? -1 : 1) * (n.r + 4)).toFixed(1));
      n.text.setAttribute('y', (n.y + 4).toFixed(1));
      n.text.setAttribute('text-anchor', left ? 'end' : 'start');
    }
    for (const l of links) {
      l.line.setAttribute('x1', l.source.x.toFixed(1));
      l.line.setAttribute('y1', l.source.y.toFixed(1));
      l.line.setAttribute('x2', l.target.x.toFixed(1));
      l.line.setAttribute('y2', l.target.y.toFixed(1));
    }
  };
  draw();
  svg.classList.add('force-layout');

  // Dragging moves a node; a click without movement still follows its link.
  const point = (event) => {
    const p = svg.createSVGPoint();
    p.x = event.clientX;
    p.y = event.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  };
  for (const n of nodes) {
    let moved = false;
    n.circle.addEventListener('pointerdown', (event) => {
      moved = false;
      n.circle.setPointerCapture(event.pointerId);
      const move = (e) => {
        const p = point(e);
        n.x = p.x;
        n.y = p.y;
        moved = true;
        draw();
      };
      const up = () => {
        n.circle.removeEventListener('pointermove', move);
        n.circle.removeEventListener('pointerup', up);
      };
      n.circle.addEventListener('pointermove', move);
      n.circle.addEventListener('pointerup', up);
    });
    n.a.addEventListener('click', (event) => {
      if (moved) event.preventDefault();
      moved = false;
    });
  }
}
