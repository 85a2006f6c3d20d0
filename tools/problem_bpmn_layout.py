"""Tiny helper (problem workflows) that writes BPMN DI for the problem workflows from explicit grid coordinates.

Used once to produce bpmn/problem-rca.bpmn and bpmn/sip-action.bpmn; the files are the source of truth
afterwards (edit them in Camunda Modeler). Kept for reference, not part of the build."""

SIZES = {"event": (36, 36), "task": (100, 80), "gateway": (50, 50)}


class Diagram:
    def __init__(self):
        self.shapes = []   # (id, x, y, w, h, extra)
        self.edges = []    # (id, [(x,y),...])
        self.centres = {}
        self.bounds = {}
        self.labels = {}   # element id -> (x, y, w, h) of its label, where the default would collide

    def node(self, element_id, kind, cx, cy, extra="", label=None):
        if label:
            self.labels[element_id] = label
        w, h = SIZES[kind]
        self.shapes.append((element_id, cx - w // 2, cy - h // 2, w, h, extra))
        self.centres[element_id] = (cx, cy)
        self.bounds[element_id] = (cx - w // 2, cy - h // 2, w, h)

    def box(self, element_id, x, y, w, h, extra=' isExpanded="true"'):
        self.shapes.append((element_id, x, y, w, h, extra))
        self.bounds[element_id] = (x, y, w, h)

    def edge(self, flow_id, points):
        self.edges.append((flow_id, points))

    def right(self, element_id):
        x, y, w, h = self.bounds[element_id]
        return (x + w, y + h // 2)

    def left(self, element_id):
        x, y, w, h = self.bounds[element_id]
        return (x, y + h // 2)

    def top(self, element_id):
        x, y, w, h = self.bounds[element_id]
        return (x + w // 2, y)

    def bottom(self, element_id):
        x, y, w, h = self.bounds[element_id]
        return (x + w // 2, y + h)

    def straight(self, flow_id, source, target):
        self.edge(flow_id, [self.right(source), self.left(target)])

    def xml(self, plane_id, process_id):
        out = [f'  <bpmndi:BPMNDiagram id="Diagram_{plane_id}">',
               f'    <bpmndi:BPMNPlane id="Plane_{plane_id}" bpmnElement="{process_id}">']
        for element_id, x, y, w, h, extra in self.shapes:
            out.append(f'      <bpmndi:BPMNShape id="Shape_{element_id}" bpmnElement="{element_id}"{extra}>')
            out.append(f'        <dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}" />')
            if element_id in self.labels:
                lx, ly, lw, lh = self.labels[element_id]
                out.append(f'        <bpmndi:BPMNLabel><dc:Bounds x="{lx}" y="{ly}" width="{lw}" height="{lh}" /></bpmndi:BPMNLabel>')
            out.append('      </bpmndi:BPMNShape>')
        for flow_id, points in self.edges:
            out.append(f'      <bpmndi:BPMNEdge id="Edge_{flow_id}" bpmnElement="{flow_id}">')
            for px, py in points:
                out.append(f'        <di:waypoint x="{px}" y="{py}" />')
            out.append('      </bpmndi:BPMNEdge>')
        out.append('    </bpmndi:BPMNPlane>')
        out.append('  </bpmndi:BPMNDiagram>')
        return "\n".join(out)

    def check_overlaps(self):
        """Shapes must not overlap, except boundary events on their host and nodes inside a sub-process."""
        problems = []
        items = list(self.bounds.items())
        for i, (a, (ax, ay, aw, ah)) in enumerate(items):
            for b, (bx, by, bw, bh) in items[i + 1:]:
                if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
                    problems.append((a, b))
        return problems


def edges_through_shapes(diagram, containers=()):
    """Edge segments that cross a shape other than their own ends (and other than containing sub-processes)."""
    import re
    problems = []
    for flow_id, points in diagram.edges:
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            for element_id, (x, y, w, h) in diagram.bounds.items():
                if element_id in containers:
                    continue
                # shrink by 1px so touching the border (start/end of the edge) is fine
                lx, ly, hx, hy = x + 1, y + 1, x + w - 1, y + h - 1
                if x1 == x2 and lx < x1 < hx and max(min(y1, y2), ly) < min(max(y1, y2), hy):
                    problems.append((flow_id, element_id))
                if y1 == y2 and ly < y1 < hy and max(min(x1, x2), lx) < min(max(x1, x2), hx):
                    problems.append((flow_id, element_id))
    return problems
