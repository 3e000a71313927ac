package org.yizhan.order;

import java.sql.DatabaseMetaData;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/** Order numbers residents can read out on the phone: {@code YZ-261123-0042} (date and a running number). */
@Component
class OrderNumbers {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
  private static final String SEQUENCE = "station_order_seq";

  private final DataFieldMaxValueIncrementer sequence;

  OrderNumbers(DataSource dataSource) throws MetaDataAccessException {
    String database = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    this.sequence = database.toLowerCase().contains("postgres")
        ? new PostgresSequenceMaxValueIncrementer(dataSource, SEQUENCE)
        : new H2SequenceMaxValueIncrementer(dataSource, SEQUENCE);
  }

  String next(LocalDate day) {
    return "YZ-" + DAY.format(day) + "-" + String.format("%04d", sequence.nextLongValue());
  }
}
