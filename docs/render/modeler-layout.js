// Rewrites BPMN and DMN files in the layout Camunda Modeler itself writes when it saves them: the file is read and
// written by the same libraries Modeler saves with (bpmn-moddle / dmn-moddle with Camunda's extensions), so Modeler's
// first save changes nothing. Reports what the libraries could not read (a non-empty list means Modeler would not
// keep some of the file either).
//   cd docs/render && npm install && node modeler-layout.js ../../processes/*.bpmn ../../processes/decisions/*.dmn
const fs = require('fs');
const BpmnModdle = require('bpmn-moddle');
const DmnModdle = require('dmn-moddle');
const camundaBpmn = require('camunda-bpmn-moddle/resources/camunda.json');
const camundaDmn = require('camunda-dmn-moddle/resources/camunda.json');

(async () => {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const xml = fs.readFileSync(file, 'utf8');
    const dmn = file.endsWith('.dmn');
    const moddle = dmn ? new DmnModdle({ camunda: camundaDmn }) : new BpmnModdle({ camunda: camundaBpmn });
    const { rootElement, warnings } = await moddle.fromXML(xml, dmn ? 'dmn:Definitions' : 'bpmn:Definitions');
    if (warnings.length) {
      failed = true;
      console.error(`${file}: ${warnings.map((w) => w.message).join('; ')}`);
      continue;
    }
    const { xml: written } = await moddle.toXML(rootElement, { format: true });
    fs.writeFileSync(file, written); // as Modeler writes it: no newline after the last line
    console.log(`${file}: ${xml === written ? 'unchanged' : 'rewritten'}`);
  }
  process.exit(failed ? 1 : 0);
})();
