package cn.dsflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DsflowApplication {
  public static void main(String[] args) {
    SpringApplication.run(DsflowApplication.class, args);
  }
}
