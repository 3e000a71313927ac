package org.yizhan.platform;

import java.sql.DatabaseMetaData;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/**
 * Numbers people can read out on the phone: a prefix, the day and a running number from a database sequence,
 * e.g. {@code YZ-261123-0042} for an order or {@code SD-261123-0007} for a delivery.
 */
@Component
public class DailyNumbers {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

  private final DataSource dataSource;
  private final boolean postgres;

  public DailyNumbers(DataSource dataSource) throws MetaDataAccessException {
    this.dataSource = dataSource;
    String database = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    this.postgres = database.toLowerCase(Locale.ROOT).contains("postgres");
  }

  public String next(String prefix, String sequence, LocalDate day) {
    DataFieldMaxValueIncrementer incrementer = postgres
        ? new PostgresSequenceMaxValueIncrementer(dataSource, sequence)
        : new H2SequenceMaxValueIncrementer(dataSource, sequence);
    return prefix + "-" + DAY.format(day) + "-" + String.format("%04d", incrementer.nextLongValue());
  }
}
