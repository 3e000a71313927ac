package org.yizhan.platform.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.yizhan.camunda.engine.ExpressionChecker;
import org.yizhan.camunda.engine.ModelBeans;

/**
 * What a model may ask the engine to run. Read from the XML as written, every attribute and every text, so that no
 * extension element or attribute is overlooked:
 * <ul>
 *   <li>every expression keeps to the safe set ({@link ExpressionChecker}, the same policy the engine enforces);</li>
 *   <li>a delegate expression names one of the station's steps ({@code ${registerOrder}});</li>
 *   <li>no scripts (script tasks, {@code camunda:script}, scripted conditions, DMN expression languages other than
 *       FEEL), no Java classes ({@code camunda:class}) and no connectors: each of those runs code the app
 *       does not review.</li>
 * </ul>
 */
final class ModelSafety {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final Set<String> CAMUNDA = Set.of("http://camunda.org/schema/1.0/bpmn",
      "http://activiti.org/bpmn", "http://camunda.org/schema/1.0/dmn");
  private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "variableMappingClass", "formHandlerClass");
  private static final Set<String> DELEGATE_ATTRIBUTES = Set.of("delegateExpression",
      "variableMappingDelegateExpression");
  /** FEEL only: JUEL in a decision would hand FEEL Java objects (e.g. {@code ${dateTime()}}), scripts run code. */
  private static final Set<String> DMN_LANGUAGES = Set.of("feel", "https://www.omg.org/spec/dmn/20191111/feel",
      "https://www.omg.org/spec/dmn/20191111/feel/", "http://www.omg.org/spec/feel/20140401");
  private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
  private static final String STEPS_HINT = "use one of the station's steps by delegate expression, e.g. ${registerOrder}";

  private ModelSafety() {}

  /** Problems of a BPMN file's XML, each a sentence for a station manager. */
  static List<String> ofProcess(byte[] xml, ModelBeans beans) {
    List<String> problems = new ArrayList<>();
    walk(parse(xml).getDocumentElement(), element -> {
      String local = element.getLocalName();
      String namespace = element.getNamespaceURI();
      if (BPMN.equals(namespace) && "documentation".equals(local)) {
        return; // text for people, never evaluated
      }
      if (BPMN.equals(namespace) && ("scriptTask".equals(local) || "script".equals(local))) {
        problems.add(describe(element) + " is a script; scripts are not allowed in the station's models, " + STEPS_HINT);
      }
      if (isCamunda(namespace) && ("script".equals(local) || "connector".equals(local))) {
        problems.add(describe(element) + " holds a camunda:" + local + ", which is not allowed; " + STEPS_HINT);
      }
      if (isCamunda(namespace) && "formData".equals(local)) {
        problems.add(describe(element) + " holds a generated form (camunda:formData), whose validators may name Java "
            + "classes; link a Camunda Form instead");
      }
      forEachAttribute(element, attribute -> {
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        // camunda:class on a BPMN element, or class on a camunda:taskListener (whose attributes have no prefix)
        boolean camunda = isCamunda(attribute.getNamespaceURI())
            || attribute.getNamespaceURI() == null && isCamunda(element.getNamespaceURI());
        if (camunda && CLASS_ATTRIBUTES.contains(name)) {
          problems.add(describe(element) + " names the Java class " + attribute.getValue() + "; " + STEPS_HINT);
        } else if (camunda && "formKey".equals(name)) {
          // An embedded HTML form runs its scripts in the browser of whoever opens the task, an administrator included.
          problems.add(describe(element) + " names the embedded form " + attribute.getValue() + "; embedded HTML forms "
              + "are not allowed, link a Camunda Form (Form type: Camunda Forms (linked))");
        } else if (camunda && DELEGATE_ATTRIBUTES.contains(name)) {
          checkDelegate(attribute.getValue(), beans, problems);
        } else if ("language".equals(name) || "scriptFormat".equals(name)) {
          problems.add(describe(element) + " is written in the script language '" + attribute.getValue()
              + "'; write conditions as expressions such as ${stockAvailable == 'YES'}");
        } else {
          checkExpressions(attribute.getValue(), problems);
        }
      });
      checkExpressions(ownText(element), problems);
    });
    return problems;
  }

  /** Problems of a DMN file's XML: any expression language but FEEL. */
  static List<String> ofDecision(byte[] xml) {
    List<String> problems = new ArrayList<>();
    walk(parse(xml).getDocumentElement(), element -> {
      String language = element.getAttribute("expressionLanguage");
      if (!language.isBlank() && !DMN_LANGUAGES.contains(language.trim().toLowerCase(Locale.ROOT))) {
        problems.add(describe(element) + " is written in '" + language + "'; decision tables are written in FEEL");
      }
      checkExpressions(ownText(element), problems);
    });
    return problems;
  }

  private static void checkDelegate(String expression, ModelBeans beans, List<String> problems) {
    Matcher bean = BEAN_EXPRESSION.matcher(expression);
    if (!bean.matches()) {
      problems.add("the delegate expression " + expression + " must name one step of the station, e.g. ${registerOrder}");
    } else if (!beans.allows(bean.group(1))) {
      problems.add("the delegate expression " + expression + " names no step of the station; check the spelling");
    }
  }

  private static void checkExpressions(String text, List<String> problems) {
    if (ExpressionChecker.holdsExpression(text)) {
      problems.addAll(ExpressionChecker.problems(text, ExpressionChecker.Where.MODEL));
    }
  }

  private static boolean isCamunda(String namespace) {
    return namespace != null && CAMUNDA.contains(namespace);
  }

  private static String describe(Element element) {
    String id = element.getAttribute("id");
    return "'" + (id.isBlank() ? element.getLocalName() : id) + "'";
  }

  private static String ownText(Element element) {
    StringBuilder text = new StringBuilder();
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue());
      }
    }
    return text.toString();
  }

  private static void walk(Element element, java.util.function.Consumer<Element> visit) {
    visit.accept(element);
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child) {
        walk(child, visit);
      }
    }
  }

  private static void forEachAttribute(Element element, java.util.function.Consumer<Attr> visit) {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      visit.accept((Attr) attributes.item(i));
    }
  }

  /** Namespace-aware, with no document type and no external entities (a model is untrusted input). */
  private static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException | SAXException | IOException unreadable) {
      throw new IllegalArgumentException(unreadable.getMessage(), unreadable);
    }
  }
}
