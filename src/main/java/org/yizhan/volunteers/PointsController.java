package org.yizhan.volunteers;


import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yizhan.platform.security.CurrentUser;
import org.yizhan.platform.web.ApiException;

/** A volunteer's points: the volunteer and the managers read them; managers record prizes handed out. */
@RestController
class PointsController {

  record Redemption(@NotNull(message = "is required: how many points the prize costs")
                    @Min(value = 1, message = "must be at least 1") @Max(value = 10000, message = "must be at most 10000")
                    Integer points,
                    @NotBlank(message = "is required: what the volunteer receives")
                    @Size(max = 100, message = "may be at most 100 characters") String prize) {}


  private final PointsLedger ledger;
  private final IdentityService identity;
  private final CurrentUser currentUser;

  PointsController(PointsLedger ledger, IdentityService identity, CurrentUser currentUser) {
    this.ledger = ledger;
    this.identity = identity;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/volunteers/{userId}/points")
  PointsLedger.Account points(@PathVariable String userId) {
    if (!userId.equals(currentUser.id())) {
      currentUser.require("points.read-all");
    }
    requireUser(userId);
    return ledger.account(userId);
  }

  @PostMapping(path = "/api/volunteers/{userId}/redemptions", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  PointsLedger.Account redeem(@PathVariable String userId, @Valid @RequestBody Redemption redemption) {
    currentUser.require("points.redeem");
    requireUser(userId);
    return ledger.redeem(userId, redemption.points(), redemption.prize().trim(), currentUser.id());
  }

  private void requireUser(String userId) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      throw ApiException.notFound("userId", "没有用户 " + userId + " (There is no user " + userId + ")");
    }
  }
}
