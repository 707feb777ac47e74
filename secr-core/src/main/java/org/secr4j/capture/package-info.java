/**
 * Who was detected where and when: {@link org.secr4j.capture.CaptureHistory} (secr's
 * {@code capthist}), one {@link org.secr4j.capture.Session} per session, assembled with
 * {@link org.secr4j.capture.CaptureHistoryBuilder} whose errors name file, line, session,
 * animal, occasion and detector.
 */
package org.secr4j.capture;
