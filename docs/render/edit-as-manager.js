// Plays a station manager's edit in Camunda Modeler, for trying the round trip: opens a model with the libraries
// Modeler saves with, changes what the arguments say, and saves it as Modeler would.
//   node edit-as-manager.js <file> <elementId> <attribute: name | text> <new value>
// e.g. a table cell:  node edit-as-manager.js ../../processes/decisions/delivery-mode.dmn InputEntry_LivingAlone_Age text ">= 75"
//      a label:       node edit-as-manager.js ../../processes/station-order.bpmn Task_AcceptOrder name "驿站接单 (Accept the order)"
const fs = require('fs');
const BpmnModdle = require('bpmn-moddle');
const DmnModdle = require('dmn-moddle');
const camundaBpmn = require('camunda-bpmn-moddle/resources/camunda.json');
const camundaDmn = require('camunda-dmn-moddle/resources/camunda.json');

const [, , file, elementId, attribute, value] = process.argv;

(async () => {
  const dmn = file.endsWith('.dmn');
  const moddle = dmn ? new DmnModdle({ camunda: camundaDmn }) : new BpmnModdle({ camunda: camundaBpmn });
  const { rootElement, elementsById } = await moddle.fromXML(fs.readFileSync(file, 'utf8'),
    dmn ? 'dmn:Definitions' : 'bpmn:Definitions');
  const element = elementsById[elementId];
  if (!element) {
    console.error(`${file} has no element ${elementId}`);
    process.exit(1);
  }
  console.log(`${elementId}.${attribute}: ${JSON.stringify(element[attribute])} -> ${JSON.stringify(value)}`);
  element[attribute] = value;
  const { xml } = await moddle.toXML(rootElement, { format: true });
  fs.writeFileSync(file, xml);
})();
