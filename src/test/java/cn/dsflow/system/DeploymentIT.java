package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.dsflow.DsflowIntegrationTest;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DsflowIntegrationTest
class DeploymentIT {

  @Autowired RepositoryService repositoryService;

  @Test
  void everyFileInBpmnAndFormsIsDeployed() {
    List<String> deployed = new ArrayList<>();
    repositoryService.createDeploymentQuery().list().forEach(d ->
        repositoryService.getDeploymentResources(d.getId()).stream().map(Resource::getName).forEach(deployed::add));
    List<File> files = new ArrayList<>();
    for (String dir : List.of("bpmn", "forms")) {
      File[] inDir = new File(dir).listFiles(f -> f.isFile());
      if (inDir != null) {
        files.addAll(List.of(inDir));
      }
    }
    assertThat(files).isNotEmpty();
    for (File f : files) {
      assertThat(deployed).as("deployed resources").anyMatch(name -> name.endsWith("/" + f.getName()) || name.equals(f.getName()));
    }
  }
}
