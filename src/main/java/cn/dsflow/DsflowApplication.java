package cn.dsflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DsflowApplication {
  public static void main(String[] args) {
    SpringApplication.run(DsflowApplication.class, args);
  }
}
