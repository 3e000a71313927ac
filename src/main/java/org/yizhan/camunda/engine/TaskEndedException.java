package org.yizhan.camunda.engine;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A lost race: the task a request names has ended meanwhile, completed by somebody else or ended with its process
 * (an order cancelled, a case handed up). Nothing was written; the REST APIs answer 409 with the message.
 */
public class TaskEndedException extends ProcessEngineException {

  private static final long serialVersionUID = 1L;

  TaskEndedException(String message, Throwable cause) {
    super(message, cause);
  }
}
